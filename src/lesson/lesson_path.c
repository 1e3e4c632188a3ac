/* lesson_path.c — where ipctop-lesson-helper is: next to ipctop's own binary (the build tree,
 * where `make` left both), else where `make install` put it (LESSON_HELPER_DIR). */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lesson/lesson.h"

#ifndef LESSON_HELPER_DIR
#define LESSON_HELPER_DIR "/usr/local/libexec/ipctop"
#endif
#define HELPER_NAME "ipctop-lesson-helper"

bool lesson_helper_path(char *buf, size_t n)
{
	char self[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len > 0) {
		self[len] = '\0';
		char *slash = strrchr(self, '/');
		if (slash) {
			slash[1] = '\0';
			snprintf(buf, n, "%s%s", self, HELPER_NAME);
			if (access(buf, X_OK) == 0)
				return true;
		}
	}
	snprintf(buf, n, "%s/%s", LESSON_HELPER_DIR, HELPER_NAME);
	if (access(buf, X_OK) == 0)
		return true;
	snprintf(buf, n, "ipctop: --lesson and --demo need " HELPER_NAME ", found neither next to ipctop "
		 "nor in " LESSON_HELPER_DIR);
	return false;
}

bool lesson_interactive_start(const char *what, char *buf, size_t n)
{
	if (!isatty(STDOUT_FILENO)) {
		fprintf(stderr, "ipctop: stdout is not a terminal; %s is interactive\n", what);
		return false;
	}
	if (!lesson_helper_path(buf, n)) {
		fprintf(stderr, "%s\n", buf);
		return false;
	}
	return true;
}
