/* SPDX-License-Identifier: MIT */
/*
 * Replays fuzz inputs without libFuzzer: every file named on the command
 * line, or every file in the named directories, goes through the target's
 * LLVMFuzzerTestOneInput once. The target's oracle aborts on a broken rule;
 * sanitizer builds report memory errors. Prints "N passed, 0 failed".
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int run_file(const char *path)
{
	static uint8_t buf[1 << 20];
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (!fp) {
		perror(path);
		return -1;
	}
	n = fread(buf, 1, sizeof(buf), fp);
	fclose(fp);
	/* a copy of exactly n bytes, so ASan sees reads past the input */
	uint8_t *p = malloc(n ? n : 1);

	if (!p)
		return -1;
	memcpy(p, buf, n);
	LLVMFuzzerTestOneInput(p, n);
	free(p);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned int passed = 0, failed = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) < 0) {
			perror(argv[i]);
			failed++;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			if (run_file(argv[i]) < 0)
				failed++;
			else
				passed++;
			continue;
		}
		struct dirent **ents;
		int n = scandir(argv[i], &ents, NULL, alphasort);

		if (n < 0) {
			perror(argv[i]);
			failed++;
			continue;
		}
		for (int k = 0; k < n; k++) {
			char path[4096];

			if (ents[k]->d_name[0] != '.') {
				snprintf(path, sizeof(path), "%s/%s", argv[i], ents[k]->d_name);
				if (run_file(path) < 0)
					failed++;
				else
					passed++;
			}
			free(ents[k]);
		}
		free(ents);
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed || !passed;
}
