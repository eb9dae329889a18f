/* SPDX-License-Identifier: MIT */
/*
 * The audit's findings: groups (executable, served by) holding rows (call,
 * type, name, answer), and the two ways of printing them. Lists are small
 * (the programs of one host that use AF_ALG), so lookups are linear.
 */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "report.h"
#include "maps.h"

struct row {
	unsigned int call;
	int answer;
	char *type, *name;
	uint64_t count, bytes, first, last;
};

struct strs {
	char **v;
	size_t n;
};

struct nums {
	uint32_t *v;
	size_t n;
};

struct group {
	char *exe;
	enum ua_by by;
	struct strs comms, units, cgroups;
	struct nums pids, uids;
	struct row *rows;
	size_t nrows;
	uint64_t first, last;
};

struct ua_report {
	struct group *groups;
	size_t n;
};

/* table rows: call names, and whether the call names an algorithm */
static const struct {
	const char *name;
	bool alg;
} call_table[UA_CALL_MAX] = {
	[UA_SOCKET] = {"socket", false},
	[UA_BIND] = {"bind", true},
	[UA_ACCEPT] = {"accept", true},
	[UA_SEND] = {"send", true},
};

static const char *call_name(unsigned int call)
{
	return call < UA_CALL_MAX && call_table[call].name ? call_table[call].name : "?";
}

static bool str_eq(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

static int strs_add(struct strs *s, const char *v)
{
	char **n;

	if (!v)
		return 0;
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], v))
			return 0;
	n = realloc(s->v, (s->n + 1) * sizeof(*n));
	if (!n)
		return -ENOMEM;
	s->v = n;
	if (!(s->v[s->n] = strdup(v)))
		return -ENOMEM;
	s->n++;
	return 0;
}

static int nums_add(struct nums *s, uint32_t v)
{
	uint32_t *n;

	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == v)
			return 0;
	n = realloc(s->v, (s->n + 1) * sizeof(*n));
	if (!n)
		return -ENOMEM;
	s->v = n;
	s->v[s->n++] = v;
	return 0;
}

static void strs_free(struct strs *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

struct ua_report *ua_report_new(void)
{
	return calloc(1, sizeof(struct ua_report));
}

void ua_report_free(struct ua_report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		struct group *g = &r->groups[i];

		free(g->exe);
		strs_free(&g->comms);
		strs_free(&g->units);
		strs_free(&g->cgroups);
		free(g->pids.v);
		free(g->uids.v);
		for (size_t j = 0; j < g->nrows; j++) {
			free(g->rows[j].type);
			free(g->rows[j].name);
		}
		free(g->rows);
	}
	free(r->groups);
	free(r);
}

const char *ua_unit_of(const char *cgroup, char *buf, size_t size)
{
	static const char *const suffixes[] = {".service", ".scope", ".socket", ".mount", ".swap"};
	const char *unit = NULL, *p = cgroup, *end;
	size_t len = 0;

	/* the innermost component that names a unit (not a slice) */
	while (p && *p) {
		while (*p == '/')
			p++;
		end = strchr(p, '/');
		if (!end)
			end = p + strlen(p);
		for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
			size_t sl = strlen(suffixes[i]);

			if ((size_t)(end - p) > sl && !memcmp(end - sl, suffixes[i], sl)) {
				unit = p;
				len = (size_t)(end - p);
			}
		}
		p = end;
	}
	if (!unit || len >= size)
		return NULL;
	memcpy(buf, unit, len);
	buf[len] = '\0';
	return buf;
}

static struct group *group_get(struct ua_report *r, enum ua_by by, const char *exe)
{
	struct group *g;

	for (size_t i = 0; i < r->n; i++)
		if (r->groups[i].by == by && str_eq(r->groups[i].exe, exe))
			return &r->groups[i];
	g = realloc(r->groups, (r->n + 1) * sizeof(*g));
	if (!g)
		return NULL;
	r->groups = g;
	g = &r->groups[r->n];
	*g = (struct group){.by = by};
	if (exe && !(g->exe = strdup(exe)))
		return NULL;
	r->n++;
	return g;
}

static struct row *row_get(struct group *g, const struct ua_count *c)
{
	struct row *w;

	for (size_t i = 0; i < g->nrows; i++) {
		w = &g->rows[i];
		if (w->call == c->call && w->answer == c->answer && str_eq(w->type, c->type) &&
		    str_eq(w->name, c->name))
			return w;
	}
	w = realloc(g->rows, (g->nrows + 1) * sizeof(*w));
	if (!w)
		return NULL;
	g->rows = w;
	w = &g->rows[g->nrows];
	*w = (struct row){.call = c->call, .answer = c->answer, .first = c->first};
	w->type = strdup(c->type ? c->type : "");
	w->name = strdup(c->name ? c->name : "");
	if (!w->type || !w->name) {
		free(w->type);
		free(w->name);
		return NULL;
	}
	g->nrows++;
	return w;
}

int ua_report_add(struct ua_report *r, enum ua_by by, const struct ua_ident *id,
		  const struct ua_count *c)
{
	struct group *g = group_get(r, by, id->exe);
	char unit[256];
	struct row *w;

	if (!g || !(w = row_get(g, c)))
		return -ENOMEM;
	w->count += c->count;
	w->bytes += c->bytes;
	if (c->first < w->first)
		w->first = c->first;
	if (c->last > w->last)
		w->last = c->last;
	if (!g->first || c->first < g->first)
		g->first = c->first;
	if (c->last > g->last)
		g->last = c->last;
	if (nums_add(&g->pids, id->pid) < 0 || nums_add(&g->uids, id->uid) < 0 ||
	    strs_add(&g->comms, id->comm) < 0 || strs_add(&g->cgroups, id->cgroup) < 0 ||
	    strs_add(&g->units, id->cgroup ? ua_unit_of(id->cgroup, unit, sizeof(unit)) : NULL) < 0)
		return -ENOMEM;
	return 0;
}

uint64_t ua_report_sockets(const struct ua_report *r, enum ua_by by)
{
	uint64_t n = 0;

	for (size_t i = 0; i < r->n; i++)
		for (size_t j = 0; r->groups[i].by == by && j < r->groups[i].nrows; j++)
			if (r->groups[i].rows[j].call == UA_SOCKET)
				n += r->groups[i].rows[j].count;
	return n;
}

uint64_t ua_boot_ns(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_BOOTTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ---- output ---- */

static const char *answer_name(int e, char *buf, size_t size)
{
	const char *n;

	if (!e)
		return "ok";
#ifdef UALG_HAVE_STRERRORNAME_NP
	n = strerrorname_np(e);
	if (n)
		return n;
#endif
	(void)n;
	snprintf(buf, size, "errno %d", e);
	return buf;
}

/* boot-time ns -> wall clock */
static struct timespec wall(uint64_t boot)
{
	struct timespec now_r, out;
	uint64_t now_b = ua_boot_ns(), ns;
	int64_t delta = (int64_t)(now_b - boot);

	(void)clock_gettime(CLOCK_REALTIME, &now_r);
	ns = (uint64_t)now_r.tv_sec * 1000000000u + (uint64_t)now_r.tv_nsec - (uint64_t)delta;
	out.tv_sec = (time_t)(ns / 1000000000u);
	out.tv_nsec = (long)(ns % 1000000000u);
	return out;
}

static void fmt_time(uint64_t boot, bool iso, char *buf, size_t size)
{
	struct timespec t = wall(boot);
	struct tm tm;
	size_t n;

	if (iso) {
		(void)gmtime_r(&t.tv_sec, &tm);
		n = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
		snprintf(buf + n, size - n, ".%03ldZ", t.tv_nsec / 1000000);
	} else {
		(void)localtime_r(&t.tv_sec, &tm);
		(void)strftime(buf, size, "%H:%M:%S", &tm);
	}
}

static const char *user_name(uint32_t uid, char *buf, size_t size)
{
	struct passwd *pw = getpwuid(uid);

	if (pw)
		return pw->pw_name;
	snprintf(buf, size, "%u", uid);
	return buf;
}

static const char *by_name(enum ua_by by)
{
	return by == UA_BY_UALG ? "ualg" : "kernel";
}

static void json_str(FILE *f, const char *s)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static void json_time(FILE *f, uint64_t boot)
{
	char buf[64];

	fmt_time(boot, true, buf, sizeof(buf));
	json_str(f, buf);
}

static void json_strs(FILE *f, const struct strs *s)
{
	fputc('[', f);
	for (size_t i = 0; i < s->n; i++) {
		if (i)
			fputc(',', f);
		json_str(f, s->v[i]);
	}
	fputc(']', f);
}

static void print_json(const struct ua_report *r, const struct ua_run *run, FILE *f)
{
	char buf[64];

	fprintf(f, "{\"version\":1,\"started\":");
	json_time(f, run->start);
	fprintf(f, ",\"duration_s\":%.3f,\"command\":", (double)(run->end - run->start) / 1e9);
	if (run->command) {
		fputc('[', f);
		for (char **a = run->command; *a; a++) {
			if (a != run->command)
				fputc(',', f);
			json_str(f, *a);
		}
		fputc(']', f);
	} else {
		fputs("null", f);
	}
	fputs(",\"command_status\":", f);
	if (run->command && run->command_status >= 0 && WIFEXITED(run->command_status))
		fprintf(f, "%d", WEXITSTATUS(run->command_status));
	else if (run->command && run->command_status >= 0 && WIFSIGNALED(run->command_status))
		fprintf(f, "\"signal %d\"", WTERMSIG(run->command_status));
	else
		fputs("null", f);
	fprintf(f,
		",\"lost\":{\"identities\":%llu,\"counts\":%llu,\"messages\":%llu},\"programs\":[",
		(unsigned long long)run->lost_identities, (unsigned long long)run->lost_counts,
		(unsigned long long)run->lost_messages);
	for (size_t i = 0; i < r->n; i++) {
		const struct group *g = &r->groups[i];

		fprintf(f, "%s\n{\"executable\":", i ? "," : "");
		json_str(f, g->exe);
		fprintf(f, ",\"served_by\":\"%s\",\"comms\":", by_name(g->by));
		json_strs(f, &g->comms);
		fputs(",\"pids\":[", f);
		for (size_t j = 0; j < g->pids.n; j++)
			fprintf(f, "%s%u", j ? "," : "", g->pids.v[j]);
		fputs("],\"users\":[", f);
		for (size_t j = 0; j < g->uids.n; j++) {
			fprintf(f, "%s{\"uid\":%u,\"name\":", j ? "," : "", g->uids.v[j]);
			json_str(f, user_name(g->uids.v[j], buf, sizeof(buf)));
			fputc('}', f);
		}
		fputs("],\"units\":", f);
		json_strs(f, &g->units);
		fputs(",\"cgroups\":", f);
		json_strs(f, &g->cgroups);
		fputs(",\"first_seen\":", f);
		json_time(f, g->first);
		fputs(",\"last_seen\":", f);
		json_time(f, g->last);
		fputs(",\"calls\":[", f);
		for (size_t j = 0; j < g->nrows; j++) {
			const struct row *w = &g->rows[j];
			bool alg = call_table[w->call].alg;

			fprintf(f, "%s\n {\"call\":\"%s\",\"type\":", j ? "," : "",
				call_name(w->call));
			json_str(f, alg ? w->type : NULL);
			fputs(",\"name\":", f);
			json_str(f, alg ? w->name : NULL);
			fputs(",\"answer\":", f);
			json_str(f, answer_name(w->answer, buf, sizeof(buf)));
			fprintf(f, ",\"errno\":%d,\"count\":%llu,\"bytes\":%llu,\"first_seen\":",
				w->answer, (unsigned long long)w->count,
				(unsigned long long)w->bytes);
			json_time(f, w->first);
			fputs(",\"last_seen\":", f);
			json_time(f, w->last);
			fputc('}', f);
		}
		fputs("]}", f);
	}
	fputs("]}\n", f);
}

#define LIST_MAX 8 /* pids, users... shown in the table before "..." */

static void print_table(const struct ua_report *r, const struct ua_run *run, FILE *f)
{
	char buf[64], t1[32], t2[32];

	fprintf(f, "ualg audit: %.1f s, %zu program%s using AF_ALG\n",
		(double)(run->end - run->start) / 1e9, r->n, r->n == 1 ? "" : "s");
	if (run->lost_identities || run->lost_counts || run->lost_messages)
		fprintf(f, "(lost: %llu identities, %llu counts, %llu preload messages)\n",
			(unsigned long long)run->lost_identities,
			(unsigned long long)run->lost_counts,
			(unsigned long long)run->lost_messages);
	for (size_t i = 0; i < r->n; i++) {
		const struct group *g = &r->groups[i];

		fprintf(f, "\n%s", g->exe ? g->exe : "(unknown executable)");
		if (g->comms.n)
			fprintf(f, " (%s)", g->comms.v[0]);
		fprintf(f, "  served by %s\n  pids", by_name(g->by));
		for (size_t j = 0; j < g->pids.n && j < LIST_MAX; j++)
			fprintf(f, " %u", g->pids.v[j]);
		if (g->pids.n > LIST_MAX)
			fprintf(f, " ... (%zu)", g->pids.n);
		fputs("  user", f);
		for (size_t j = 0; j < g->uids.n && j < LIST_MAX; j++)
			fprintf(f, " %s", user_name(g->uids.v[j], buf, sizeof(buf)));
		fputs("  unit", f);
		if (!g->units.n)
			fputs(" -", f);
		for (size_t j = 0; j < g->units.n && j < LIST_MAX; j++)
			fprintf(f, " %s", g->units.v[j]);
		fmt_time(g->first, false, t1, sizeof(t1));
		fmt_time(g->last, false, t2, sizeof(t2));
		fprintf(f, "  first %s  last %s\n", t1, t2);
		fprintf(f, "  %-7s %-10s %-32s %-14s %8s %12s\n", "CALL", "TYPE", "NAME", "ANSWER",
			"COUNT", "BYTES");
		for (size_t j = 0; j < g->nrows; j++) {
			const struct row *w = &g->rows[j];
			bool alg = call_table[w->call].alg;

			fprintf(f, "  %-7s %-10s %-32s %-14s %8llu ", call_name(w->call),
				alg && *w->type ? w->type : "-", alg && *w->name ? w->name : "-",
				answer_name(w->answer, buf, sizeof(buf)),
				(unsigned long long)w->count);
			if (w->call == UA_SEND)
				fprintf(f, "%12llu\n", (unsigned long long)w->bytes);
			else
				fprintf(f, "%12s\n", "-");
		}
	}
	if (!r->n)
		fputs("No program used AF_ALG while the audit ran.\n", f);
}

void ua_report_print(const struct ua_report *r, const struct ua_run *run, FILE *f, bool json)
{
	if (json)
		print_json(r, run, f);
	else
		print_table(r, run, f);
}
