/* export_json_int.h — the parts of the JSON export, shared by its source files only. */
#ifndef IPCTOP_EXPORT_JSON_INT_H
#define IPCTOP_EXPORT_JSON_INT_H

#include <stdbool.h>

#include "export/json_writer.h"
#include "model/proc_traffic.h"
#include "model/snapshot.h"

/* SOCK object of the schema (export_json_sock.c); a TCP connection names the listener it was
 * accepted through ("listener"). */
void json_write_sock(struct json_writer *w, const struct snapshot *s, const struct sock_info *sk);
/* One process; with_detail adds its "detail" object (export_json_proc.c). t: its traffic
 * (model/proc_traffic.h) when the snapshot has rates, else NULL. */
void json_write_proc(struct json_writer *w, const struct snapshot *s, const struct proc_info *p,
                     const struct proc_traffic *t, bool with_detail);
/* Its members for the process list's columns (export_json_cols.c). */
void json_write_proc_cols(struct json_writer *w, const struct snapshot *s, const struct proc_info *p,
                          const struct proc_traffic *t);
/* A process's "wait", a detail process's "tasks", the top level's "wait_cycles"
 * (export_json_wait.c). */
void json_write_proc_wait(struct json_writer *w, const struct snapshot *s, const struct proc_info *p);
void json_write_tasks(struct json_writer *w, const struct snapshot *s, const struct proc_info *p);
void json_write_wait_cycles(struct json_writer *w, const struct snapshot *s);
/* Rows of /proc/sysvipc (export_json_ipc.c). */
void json_write_shm_row(struct json_writer *w, const struct sysv_shm *r);
void json_write_msg_row(struct json_writer *w, const struct sysv_msg *r);
void json_write_sem_row(struct json_writer *w, const struct sysv_sem *r);
/* What fdinfo told of an anon-inode descriptor, as members of its fd object
 * (export_json_anon.c); nothing for other descriptors. */
void json_write_fd_anon(struct json_writer *w, const struct fd_info *fd);
/* key: the names of the signals set in mask (bit n-1 = signal n), or their numbers as text. */
void json_write_sig_names(struct json_writer *w, const char *key, uint64_t mask);
/* A name from names.h, or the number when there is none. */
void json_write_name_or_num(struct json_writer *w, const char *name, long long num);

#endif
