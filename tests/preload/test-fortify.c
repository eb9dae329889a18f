/* SPDX-License-Identifier: MIT */
/*
 * Built with -D_FORTIFY_SOURCE=2 -O2 and lengths the compiler cannot see,
 * so read/recv/recvfrom become __read_chk/__recv_chk/__recvfrom_chk (glibc's
 * versions call __read/__recv, which no preload can catch). imports.sh
 * checks the binary really imports them.
 */
#include "alg.h"

static volatile size_t len32 = 32, len0 = 0;

TEST(fortified_reads)
{
	unsigned char got[32], want[32];
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	unsigned int wl;
	int op;
	TFM_OR_SKIP(tfm, "hash", "sha256");

	op = accept(tfm, NULL, 0);
	ref_digest("SHA256", "abc", 3, want, &wl);

	CHECK_EQ(send(op, "abc", 3, 0), 3);
	CHECK_EQ(read(op, got, len0), 0); /* does not consume */
	CHECK_EQ(read(op, got, len32), 32);
	CHECK_MEM(got, want, 32);

	CHECK_EQ(send(op, "abc", 3, 0), 3);
	CHECK_EQ(recv(op, got, len32, 0), 32);
	CHECK_MEM(got, want, 32);

	CHECK_EQ(send(op, "abc", 3, 0), 3);
	CHECK_EQ(recvfrom(op, got, len32, 0, (struct sockaddr *)&ss, &sl), 32);
	CHECK_MEM(got, want, 32);
	CHECK_EQ(sl, 0);

	/* plain fds through the same entry points */
	{
		int p[2];

		CHECK_EQ(pipe(p), 0);
		CHECK_EQ(write(p[1], "pipe", 4), 4);
		CHECK_EQ(read(p[0], got, len32), 4);
		CHECK_MEM(got, "pipe", 4);
		close(p[0]);
		close(p[1]);
	}
	close(op);
	close(tfm);
}

static void __attribute__((constructor)) check_env(void)
{
	require_preload();
}
