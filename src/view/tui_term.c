/* tui_term.c — the terminal under the TUI (see tui_term.h). */
#include "view/tui_term.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

#include "view/ui.h"

/* Bracketed paste (2004), button press/release reports (1000) in SGR form (1006). */
#define MODES_ON "\033[?1000h\033[?1006h\033[?2004h"
#define MODES_OFF "\033[?2004l\033[?1006l\033[?1000l"

static int sig_pipe[2] = { -1, -1 };
static int in_fd = -1, own_in_fd = -1;
static bool started;

static const int quit_sigs[] = { SIGINT, SIGTERM, SIGQUIT, SIGHUP };
static struct sigaction saved[5 + 4];

static void on_signal(int sig)
{
	int e = errno;
	unsigned char c = (unsigned char)sig;
	if (write(sig_pipe[1], &c, 1) < 0) {
		/* the pipe is full: enough is pending already */
	}
	errno = e;
}

static void catch_signal(int sig, struct sigaction *old)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;     /* no SA_RESTART: poll returns EINTR and the loop looks at once */
	sigaction(sig, &sa, old);
	/* SIGHUP ignored by whoever started us stays ignored; the lost terminal is still
	 * noticed, by end of file on its input */
	if (sig == SIGHUP && old->sa_handler == SIG_IGN)
		sigaction(sig, old, NULL);
}

static const int other_sigs[] = { SIGTSTP, SIGWINCH, SIGCONT, SIGCHLD, SIGPIPE };

static void install_handlers(void)
{
	for (size_t i = 0; i < 4; i++)
		catch_signal(quit_sigs[i], &saved[i]);
	for (size_t i = 0; i < 4; i++)
		catch_signal(other_sigs[i], &saved[4 + i]);
	struct sigaction ign = { .sa_handler = SIG_IGN };
	sigaction(SIGPIPE, &ign, &saved[8]);
}

static void restore_handlers(void)
{
	for (size_t i = 0; i < 4; i++)
		sigaction(quit_sigs[i], &saved[i], NULL);
	for (size_t i = 0; i < 5; i++)
		sigaction(other_sigs[i], &saved[4 + i], NULL);
}

static void modes(const char *s)
{
	fflush(stdout);
	if (write(STDOUT_FILENO, s, strlen(s)) < 0) {
		/* a terminal that is gone takes no modes */
	}
}

/* The keys terminfo knows for this terminal, beside the built-in forms. */
static void add_terminfo_keys(struct term_input *ti)
{
	static const struct { const char *cap; int key; } caps[] = {
		{ "khome", KEY_HOME }, { "kend", KEY_END }, { "kpp", KEY_PPAGE }, { "knp", KEY_NPAGE },
		{ "kich1", KEY_IC }, { "kdch1", KEY_DC }, { "kcbt", KEY_BTAB }, { "kcuu1", KEY_UP },
		{ "kcud1", KEY_DOWN }, { "kcub1", KEY_LEFT }, { "kcuf1", KEY_RIGHT },
		{ "kf1", KEY_F(1) }, { "kf2", KEY_F(2) }, { "kf3", KEY_F(3) }, { "kf4", KEY_F(4) },
		{ "kf5", KEY_F(5) }, { "kf6", KEY_F(6) }, { "kf7", KEY_F(7) }, { "kf8", KEY_F(8) },
		{ "kf9", KEY_F(9) }, { "kf10", KEY_F(10) }, { "kf11", KEY_F(11) }, { "kf12", KEY_F(12) },
	};
	for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		const char *s = tigetstr(caps[i].cap);
		/* only escape sequences: a terminal whose key sends a plain character keeps it */
		if (s && s != (char *)-1 && s[0] == '\033' && s[1])
			ti_add_sequence(ti, s, caps[i].key, 0);
	}
}

int term_start(const struct term_opts *o, struct term_input *ti)
{
	if (pipe2(sig_pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		perror("ipctop: pipe");
		return -1;
	}
	in_fd = STDIN_FILENO;
	if (!isatty(in_fd)) {
		own_in_fd = open("/dev/tty", O_RDONLY | O_CLOEXEC);
		in_fd = own_in_fd;
	}
	if (in_fd < 0) {
		fputs("ipctop: no terminal to read keys from\n", stderr);
		return -1;
	}
	initscr();
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, FALSE);       /* ipctop decodes the keys itself */
	curs_set(0);
	struct ui_config uc = { o->ascii, o->color, o->theme };
	ui_init(&uc);
	wnoutrefresh(stdscr);        /* stdscr stays untouched from now on: we draw in windows */
	doupdate();
	add_terminfo_keys(ti);
	install_handlers();          /* after initscr: ours, not curses' own */
	modes(MODES_ON);
	fcntl(in_fd, F_SETFL, fcntl(in_fd, F_GETFL) | O_NONBLOCK);
	started = true;
	return 0;
}

void term_stop(void)
{
	if (!started)
		return;
	started = false;
	fcntl(in_fd, F_SETFL, fcntl(in_fd, F_GETFL) & ~O_NONBLOCK);
	modes(MODES_OFF);
	endwin();
	restore_handlers();
	if (own_in_fd >= 0)
		close(own_in_fd);
	close(sig_pipe[0]);
	close(sig_pipe[1]);
	sig_pipe[0] = sig_pipe[1] = own_in_fd = in_fd = -1;
}

int term_input_fd(void) { return in_fd; }
int term_signal_fd(void) { return sig_pipe[0]; }

unsigned term_signals(void)
{
	unsigned char buf[64];
	unsigned ev = 0;
	ssize_t n;
	while ((n = read(sig_pipe[0], buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < n; i++)
			switch (buf[i]) {
			case SIGTSTP:  ev |= TE_SUSPEND; break;
			case SIGWINCH: ev |= TE_RESIZE; break;
			case SIGCONT:  ev |= TE_CONTINUE; break;
			case SIGCHLD:  ev |= TE_CHILD; break;
			default:       ev |= TE_QUIT; break;
			}
	return ev;
}

int term_read(struct term_input *ti)
{
	char buf[4096];
	ssize_t n = read(in_fd, buf, sizeof(buf));
	if (n > 0) {
		ti_feed(ti, buf, (size_t)n);
		return (int)n;
	}
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	return -1;      /* end of file, or EIO: the terminal has gone */
}

void term_suspend(void)
{
	modes(MODES_OFF);
	endwin();
	struct sigaction dfl = { .sa_handler = SIG_DFL }, ours;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &ours);
	raise(SIGTSTP);              /* stops here until SIGCONT */
	sigaction(SIGTSTP, &ours, NULL);
	modes(MODES_ON);
	term_resize();
}

void term_resize(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
}
