/* SPDX-License-Identifier: MIT */
/*
 * Kernel-style algorithm names: "tmpl(arg[,arg...])", arguments nesting,
 * each a generic or driver name (crypto/algboss.c cryptomgr_schedule_probe
 * is the behaviour mirrored: the template name is [A-Za-z0-9_-]+, anything
 * malformed is simply "not found").
 */
#include <string.h>

#include "alg/alg.h"

static bool is_tmpl_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

/* see alg/alg.h */
int ualg_name_parse(const char *name, struct ualg_name *ret)
{
	size_t len = strnlen(name, UALG_MAX_ALG_NAME);
	const char *open, *p, *arg;
	unsigned int depth = 0, maxdepth = 0;

	if (len >= UALG_MAX_ALG_NAME)
		return -ENAMETOOLONG;
	if (len == 0)
		return -ENOENT;

	ret->tmpl[0] = '\0';
	ret->nargs = 0;

	open = strchr(name, '(');
	if (!open) {
		/* a plain name may not contain a closing parenthesis or comma */
		if (strpbrk(name, "),"))
			return -ENOENT;
		return 0;
	}
	if (open == name)
		return -ENOENT;
	for (p = name; p < open; p++)
		if (!is_tmpl_char(*p))
			return -ENOENT;
	memcpy(ret->tmpl, name, (size_t)(open - name));
	ret->tmpl[open - name] = '\0';

	arg = open + 1;
	depth = 1;
	maxdepth = 1;
	for (p = open + 1; *p; p++) {
		if (*p == '(') {
			if (++depth > maxdepth)
				maxdepth = depth;
			if (maxdepth > UALG_MAX_TMPL_DEPTH)
				return -ENOENT;
		} else if (*p == ')' || (*p == ',' && depth == 1)) {
			if (*p == ')' && --depth > 0)
				continue;
			if (p == arg || ret->nargs == UALG_MAX_TMPL_ARGS)
				return -ENOENT;
			memcpy(ret->args[ret->nargs], arg, (size_t)(p - arg));
			ret->args[ret->nargs][p - arg] = '\0';
			ret->nargs++;
			arg = p + 1;
			if (depth == 0)
				break;
		}
	}
	/* unbalanced, or characters after the closing parenthesis */
	if (depth != 0 || p[1] != '\0')
		return -ENOENT;
	return 0;
}
