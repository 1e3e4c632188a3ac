/* export_json_ipc.c — rows of /proc/sysvipc/{shm,msg,sem} as JSON objects. */
#include "export/export_json_int.h"

/* Key as "0x%08x" and permissions as an octal string, like ipcs(1) shows them. */
static void write_key_perms(struct json_writer *w, int32_t key, int32_t id, uint32_t perms)
{
	jw_key(w, "key");
	jw_hex_str(w, (uint32_t)key, 8);
	jw_kv_i64(w, "id", id);
	jw_key(w, "perms");
	jw_octal_str(w, perms, 4);
}

static void write_owner(struct json_writer *w, uid_t uid, gid_t gid, uid_t cuid, gid_t cgid)
{
	jw_kv_u64(w, "uid", uid);
	jw_kv_u64(w, "gid", gid);
	jw_kv_u64(w, "cuid", cuid);
	jw_kv_u64(w, "cgid", cgid);
}

void json_write_shm_row(struct json_writer *w, const struct sysv_shm *r)
{
	jw_object_begin(w);
	write_key_perms(w, r->key, r->shmid, r->perms);
	jw_kv_u64(w, "size", r->size);
	jw_kv_i64(w, "cpid", r->cpid);
	jw_kv_i64(w, "lpid", r->lpid);
	jw_kv_u64(w, "nattch", r->nattch);
	write_owner(w, r->uid, r->gid, r->cuid, r->cgid);
	jw_kv_i64(w, "atime", r->atime);
	jw_kv_i64(w, "dtime", r->dtime);
	jw_kv_i64(w, "ctime", r->ctime);
	jw_kv_u64(w, "rss", r->rss);
	jw_kv_u64(w, "swap", r->swap);
	jw_object_end(w);
}

void json_write_msg_row(struct json_writer *w, const struct sysv_msg *r)
{
	jw_object_begin(w);
	write_key_perms(w, r->key, r->msqid, r->perms);
	jw_kv_u64(w, "cbytes", r->cbytes);
	jw_kv_u64(w, "qnum", r->qnum);
	jw_kv_i64(w, "lspid", r->lspid);
	jw_kv_i64(w, "lrpid", r->lrpid);
	write_owner(w, r->uid, r->gid, r->cuid, r->cgid);
	jw_kv_i64(w, "stime", r->stime);
	jw_kv_i64(w, "rtime", r->rtime);
	jw_kv_i64(w, "ctime", r->ctime);
	jw_object_end(w);
}

void json_write_sem_row(struct json_writer *w, const struct sysv_sem *r)
{
	jw_object_begin(w);
	write_key_perms(w, r->key, r->semid, r->perms);
	jw_kv_u64(w, "nsems", r->nsems);
	write_owner(w, r->uid, r->gid, r->cuid, r->cgid);
	jw_kv_i64(w, "otime", r->otime);
	jw_kv_i64(w, "ctime", r->ctime);
	jw_object_end(w);
}
