/* helper_socks.c — the lesson roles on sockets, on this machine only: a TCP server (on the
 * loopback) and a UNIX server (on a path) that accept on the listener they were given, clients
 * that connect to them, and a UDP pair that sends datagrams without a connection. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "lesson/helper.h"

#define MAX_CONNS 16

static int port_of(int fd)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	return getsockname(fd, (struct sockaddr *)&a, &len) == 0 ? ntohs(a.sin_port) : -1;
}

static struct sockaddr_in loopback(const char *port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	a.sin_port = htons((unsigned short)atoi(port));
	return a;
}

/* Accepts on the listener at fd 3 and reads what each accepted socket sends; a TCP server
 * records the port of each peer it accepts. */
static int serve(const char *role, bool tcp)
{
	struct pollfd p[1 + MAX_CONNS];
	size_t n = 1;
	p[0] = (struct pollfd){ .fd = HELPER_OBJ_FD, .events = POLLIN };
	for (;;) {
		if (poll(p, n, -1) < 0 && errno != EINTR)
			return 1;
		for (size_t i = 1; i < n; i++) {
			char buf[512];
			if (p[i].revents && read(p[i].fd, buf, sizeof(buf)) <= 0) {
				close(p[i].fd);
				p[i--] = p[--n];
			}
		}
		if ((p[0].revents & POLLIN) && n < 1 + MAX_CONNS) {
			struct sockaddr_in peer;
			socklen_t len = sizeof(peer);
			int fd = accept(HELPER_OBJ_FD, (struct sockaddr *)&peer, &len);
			if (fd >= 0)
				p[n++] = (struct pollfd){ .fd = fd, .events = POLLIN };
			if (fd >= 0 && tcp)
				helper_record(role, "accepted=%d", ntohs(peer.sin_port));
		}
	}
}

/* Sends a line every half second on the connected socket fd. */
static int hello_loop(int fd)
{
	for (;;) {
		if (write(fd, "hello\n", 6) < 0 && errno != EINTR)
			return 1;
		helper_nap(500);
	}
}

int role_tcp_server(void)
{
	helper_record("tcp-server", "port=%d", port_of(HELPER_OBJ_FD));
	helper_report_done();
	return serve("tcp-server", true);
}

/* Connects to the server on the loopback port. */
int role_tcp_client(const char *port)
{
	struct sockaddr_in a = loopback(port);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0)
		return 1;
	helper_record("tcp-client", "port=%s local=%d", port, port_of(fd));
	helper_report_done();
	return hello_loop(fd);
}

int role_unix_server(void)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	socklen_t len = sizeof(a);
	if (getsockname(HELPER_OBJ_FD, (struct sockaddr *)&a, &len) < 0)
		return 1;
	helper_record("unix-server", "path=%.100s", a.sun_path);
	helper_report_done();
	return serve("unix-server", false);
}

/* Connects to the server's path. */
int role_unix_client(const char *path)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", path);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0)
		return 1;
	helper_record("unix-client", "path=%.100s", path);
	helper_report_done();
	return hello_loop(fd);
}

/* Sends a datagram to the receiver's port every 300 ms: no connection, no state. */
/* Sends a datagram to the receiver at port every 300 ms. udp-sender (the sockets lesson) names
 * the receiver in each sendto and holds no peer; udp-client (the demo) connect()s first, which
 * only sets its default peer (no handshake, no state), so that its socket names the receiver. */
static int udp_send(const char *role, const char *port, int connected)
{
	struct sockaddr_in a = loopback(port);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return 1;
	struct sockaddr_in me = loopback("0");
	if (bind(fd, (struct sockaddr *)&me, sizeof(me)) < 0 ||
	    (connected && connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0))
		return 1;
	helper_record(role, "port=%s local=%d", port, port_of(fd));
	helper_report_done();
	for (;;) {
		if (connected)
			send(fd, "datagram", 8, 0);
		else
			sendto(fd, "datagram", 8, 0, (struct sockaddr *)&a, sizeof(a));
		helper_nap(300);
	}
}

int role_udp_sender(const char *port)
{
	return udp_send("udp-sender", port, 0);
}

int role_udp_client(const char *port)
{
	return udp_send("udp-client", port, 1);
}

/* Receives the datagrams on the bound socket at fd 3. */
int role_udp_receiver(void)
{
	char buf[512];
	helper_record("udp-receiver", "port=%d", port_of(HELPER_OBJ_FD));
	helper_report_done();
	for (;;)
		if (recv(HELPER_OBJ_FD, buf, sizeof(buf), 0) < 0 && errno != EINTR)
			return 1;
}
