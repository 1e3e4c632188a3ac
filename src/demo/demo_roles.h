/* demo_roles.h — the bodies of the demo's processes (each runs until killed). */
#ifndef IPCTOP_DEMO_ROLES_H
#define IPCTOP_DEMO_ROLES_H

void demo_pipe_writer(int fd);
void demo_pipe_reader(int fd);
void demo_unix_server(int listen_fd);
void demo_unix_client(const char *path);
void demo_tcp_server(int listen_fd);
void demo_tcp_client(int port);
void demo_sysv_shm_writer(int shmid);
void demo_sysv_shm_reader(int shmid);
void demo_sysv_msg_sender(int msqid);
void demo_sysv_msg_receiver(int msqid);
void demo_posix_shm_user(const char *name, int writer);
void demo_posix_mq_user(const char *name, int sender);

#endif
