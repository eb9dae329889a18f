#!/usr/bin/perl
# Derive deb-src entries from an apt configuration's deb entries, for `apt-get source`.
#   tests/apt-deb-src.pl [APT_DIR]        (default /etc/apt)
# Reads every layout apt reads: deb822 files sources.list.d/*.sources of any name (Debian 12's
# images call theirs debian.sources, mmdebstrap's roots 0000debian.sources), the one-line
# sources.list and sources.list.d/*.list. For each enabled deb entry whose URI and suite have no
# deb-src entry yet, it writes the matching deb-src entry into sources.list.d/ualg-deb-src.sources
# (from deb822 stanzas, copied with their Signed-By and other fields) or ualg-deb-src.list (from
# one-line entries, options kept). Its own files are not read, so running it again writes the
# same files: idempotent. A file whose content would not change is not rewritten; one that would
# be empty is removed. Perl, because perl-base is Essential: it is on a minimal root already.
use strict;
use warnings;

my $apt = shift // '/etc/apt';
my $dir = "$apt/sources.list.d";
my $own = 'ualg-deb-src';

sub slurp {
	my ($f) = @_;
	open(my $fh, '<', $f) or die "apt-deb-src: $f: $!\n";
	local $/;
	my $t = <$fh>;
	close $fh;
	return $t;
}

sub norm_uri { my ($u) = @_; $u =~ s{/+$}{}; return $u; }

# one-line entries: [type, options text or '', uri, suite, components...]
my @lines;
# deb822 stanzas: { raw => [lines], f => { lc field => value } }
my @stanzas;

my @list_files = (-f "$apt/sources.list" ? ("$apt/sources.list") : ());
push @list_files, grep { !m{/\Q$own\E\.list$} } sort glob("$dir/*.list");
for my $f (@list_files) {
	for (split /\n/, slurp($f)) {
		s/#.*//;
		next unless /^\s*(deb|deb-src)\s+(\[[^\]]*\]\s+)?(\S+)\s+(\S+)\s*(.*?)\s*$/;
		push @lines, [ $1, $2 // '', $3, $4, split(/\s+/, $5) ];
	}
}
for my $f (grep { !m{/\Q$own\E\.sources$} } sort glob("$dir/*.sources")) {
	for my $block (split /\n[ \t]*\n/, slurp($f)) {
		my (@raw, %f, $last);
		for my $l (split /\n/, $block) {
			next if $l =~ /^#/;
			push @raw, $l;
			if ($l =~ /^([\w-]+):\s*(.*?)\s*$/) {
				$last = lc $1;
				$f{$last} = $2;
			} elsif ($l =~ /^\s/ && defined $last) {
				$f{$last} .= "\n$l";
			}
		}
		next unless defined $f{types} && defined $f{uris} && defined $f{suites};
		next if lc($f{enabled} // 'yes') eq 'no';
		push @stanzas, { raw => \@raw, f => \%f };
	}
}

# (uri, suite, component) triples that have a deb-src entry already; a flat repository
# (suite ending in /) has no component: ''
my %has_src;
sub key { my ($u, $s, $c) = @_; return norm_uri($u) . " $s " . ($c // ''); }
sub comps { my ($c) = @_; my @c = split ' ', ($c // ''); return @c ? @c : (''); }
for my $e (@lines) {
	next unless $e->[0] eq 'deb-src';
	$has_src{ key($e->[2], $e->[3], $_) } = 1 for comps(join ' ', @$e[ 4 .. $#$e ]);
}
for my $s (@stanzas) {
	next unless grep { $_ eq 'deb-src' } split ' ', $s->{f}{types};
	for my $u (split ' ', $s->{f}{uris}) {
		for my $suite (split ' ', $s->{f}{suites}) {
			$has_src{ key($u, $suite, $_) } = 1 for comps($s->{f}{components});
		}
	}
}

my ($sources, $list) = ('', '');
for my $s (@stanzas) {
	next unless grep { $_ eq 'deb' } split ' ', $s->{f}{types};
	my @uris = split ' ', $s->{f}{uris};
	my @comps = comps($s->{f}{components});
	my @suites = grep {
		my $suite = $_;
		grep {
			my $u = $_;
			grep { !$has_src{ key($u, $suite, $_) } } @comps;
		} @uris;
	} split ' ', $s->{f}{suites};
	next unless @suites;
	for my $l (@{ $s->{raw} }) {
		if ($l =~ /^types:/i) {
			$sources .= "Types: deb-src\n";
		} elsif ($l =~ /^suites:/i) {
			$sources .= "Suites: @suites\n";
		} else {
			$sources .= "$l\n";
		}
	}
	$sources .= "\n";
}
$sources =~ s/\n\n\z/\n/;
for my $e (@lines) {
	next unless $e->[0] eq 'deb';
	my @c = grep { !$has_src{ key($e->[2], $e->[3], $_) } } comps(join ' ', @$e[ 4 .. $#$e ]);
	next unless @c;
	$has_src{ key($e->[2], $e->[3], $_) } = 1 for @c;
	my $opts = $e->[1] =~ s/\s+$//r;
	$list .= join(' ', 'deb-src', ($opts ne '' ? $opts : ()), $e->[2], $e->[3], grep { $_ ne '' } @c) . "\n";
}

sub put {
	my ($f, $text) = @_;
	if ($text eq '') {
		if (-e $f) {
			unlink $f or die "apt-deb-src: $f: $!\n";
			print STDERR "apt-deb-src: removed $f\n";
		}
		return;
	}
	return if -f $f && slurp($f) eq $text;
	my $tmp = "$f.tmp";
	open(my $fh, '>', $tmp) or die "apt-deb-src: $tmp: $!\n";
	print $fh $text;
	close $fh or die "apt-deb-src: $tmp: $!\n";
	rename $tmp, $f or die "apt-deb-src: $f: $!\n";
	print STDERR "apt-deb-src: wrote $f\n";
}
put("$dir/$own.sources", $sources);
put("$dir/$own.list", $list);
