/* parse_sysvipc.c — /proc/sysvipc/{shm,msg,sem}: one row per SysV IPC object, columns as the
 * kernel prints them (keys signed decimal, perms octal). Rows with too few or unreadable
 * columns are skipped and counted; extra columns at the end are ignored. */
#include "collect/parse_proc.h"

#include <string.h>

#include "collect/parse_util.h"
#include "util/xalloc.h"

enum col {
	C_I32,    /* key, id: signed decimal */
	C_ID,     /* pid: 0..INT32_MAX */
	C_U32,    /* uid, gid */
	C_OCT,    /* perms: octal */
	C_U64,    /* sizes and counts */
	C_TIME,   /* seconds since the epoch: signed 64 bits */
};

enum { MAX_COLS = 16 };

static const enum col shm_cols[] = {
	C_I32, C_I32, C_OCT, C_U64, C_ID, C_ID, C_U64, C_U32, C_U32, C_U32, C_U32,
	C_TIME, C_TIME, C_TIME, C_U64, C_U64,
};
static const enum col msg_cols[] = {
	C_I32, C_I32, C_OCT, C_U64, C_U64, C_ID, C_ID, C_U32, C_U32, C_U32, C_U32,
	C_TIME, C_TIME, C_TIME,
};
static const enum col sem_cols[] = {
	C_I32, C_I32, C_OCT, C_U64, C_U32, C_U32, C_U32, C_U32, C_TIME, C_TIME,
};

static bool read_col(const char **p, const char *end, enum col c, uint64_t *out)
{
	int64_t i = 0;
	uint64_t u = 0;
	bool good;
	pu_skip_blanks(p, end);
	switch (c) {
	case C_I32:
		good = pu_read_i64(p, end, &i) && i >= INT32_MIN && i <= INT32_MAX;
		u = (uint64_t)i;
		break;
	case C_TIME:
		good = pu_read_i64(p, end, &i);
		u = (uint64_t)i;
		break;
	case C_ID:   good = pu_read_dec(p, end, &u) && u <= INT32_MAX; break;
	case C_U32:  good = pu_read_dec(p, end, &u) && u <= UINT32_MAX; break;
	case C_OCT:  good = pu_read_u64(p, end, 8, &u) && u <= UINT32_MAX; break;
	default:     good = pu_read_dec(p, end, &u); break;
	}
	/* a column ends at a blank or the end of the line: "12ab" is not a number */
	if (!good || (*p < end && **p != ' ' && **p != '\t' && **p != '\r'))
		return false;
	*out = u;
	return true;
}

static bool read_row(const char *line, size_t len, const enum col *cols, size_t ncols, uint64_t *v)
{
	const char *p = line, *end = line + len;
	for (size_t i = 0; i < ncols; i++)
		if (!read_col(&p, end, cols[i], &v[i]))
			return false;
	return true;
}

/* The header ("key shmid perms ...") is a first line whose first column is not a number. */
static bool is_header(const char *line, size_t len)
{
	const char *p = line, *end = line + len;
	int64_t k;
	pu_skip_blanks(&p, end);
	return !pu_read_i64(&p, end, &k);
}

typedef void (*row_fn)(void **rows, size_t *n, size_t *cap, const uint64_t *v);

static int parse_table(const char *text, size_t len, const enum col *cols, size_t ncols,
                       void **rows, size_t *n, row_fn add)
{
	if (!text)
		return 0;
	const char *p = text, *end = text + len, *line;
	size_t ll, cap = *n;
	int malformed = 0;
	bool first = true;
	while (pu_next_line(&p, end, &line, &ll)) {
		uint64_t v[MAX_COLS];
		bool header = first && is_header(line, ll);
		first = false;
		if (header || pu_at_end(line, line + ll))
			continue;
		if (read_row(line, ll, cols, ncols, v))
			add(rows, n, &cap, v);
		else
			malformed++;
	}
	return malformed;
}

static void add_shm(void **rows, size_t *n, size_t *cap, const uint64_t *v)
{
	struct sysv_shm *r = *rows;
	XGROW(r, *cap, *n + 1);
	*rows = r;
	r[(*n)++] = (struct sysv_shm){
		.key = (int32_t)v[0], .shmid = (int32_t)v[1], .perms = (uint32_t)v[2], .size = v[3],
		.cpid = (pid_t)v[4], .lpid = (pid_t)v[5], .nattch = v[6], .uid = (uid_t)v[7],
		.gid = (gid_t)v[8], .cuid = (uid_t)v[9], .cgid = (gid_t)v[10], .atime = (int64_t)v[11],
		.dtime = (int64_t)v[12], .ctime = (int64_t)v[13], .rss = v[14], .swap = v[15],
	};
}

static void add_msg(void **rows, size_t *n, size_t *cap, const uint64_t *v)
{
	struct sysv_msg *r = *rows;
	XGROW(r, *cap, *n + 1);
	*rows = r;
	r[(*n)++] = (struct sysv_msg){
		.key = (int32_t)v[0], .msqid = (int32_t)v[1], .perms = (uint32_t)v[2],
		.cbytes = v[3], .qnum = v[4], .lspid = (pid_t)v[5], .lrpid = (pid_t)v[6],
		.uid = (uid_t)v[7], .gid = (gid_t)v[8], .cuid = (uid_t)v[9], .cgid = (gid_t)v[10],
		.stime = (int64_t)v[11], .rtime = (int64_t)v[12], .ctime = (int64_t)v[13],
	};
}

static void add_sem(void **rows, size_t *n, size_t *cap, const uint64_t *v)
{
	struct sysv_sem *r = *rows;
	XGROW(r, *cap, *n + 1);
	*rows = r;
	r[(*n)++] = (struct sysv_sem){
		.key = (int32_t)v[0], .semid = (int32_t)v[1], .perms = (uint32_t)v[2],
		.nsems = v[3], .uid = (uid_t)v[4], .gid = (gid_t)v[5], .cuid = (uid_t)v[6],
		.cgid = (gid_t)v[7], .otime = (int64_t)v[8], .ctime = (int64_t)v[9],
	};
}

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

int parse_sysv_shm(const char *text, size_t len, struct sysv_shm **rows, size_t *n)
{
	return parse_table(text, len, shm_cols, NCOLS(shm_cols), (void **)rows, n, add_shm);
}

int parse_sysv_msg(const char *text, size_t len, struct sysv_msg **rows, size_t *n)
{
	return parse_table(text, len, msg_cols, NCOLS(msg_cols), (void **)rows, n, add_msg);
}

int parse_sysv_sem(const char *text, size_t len, struct sysv_sem **rows, size_t *n)
{
	return parse_table(text, len, sem_cols, NCOLS(sem_cols), (void **)rows, n, add_sem);
}
