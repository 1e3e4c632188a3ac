/* open_flags.c — a descriptor's open flags as fdinfo gives them ("flags: 02004002"), in the
 * names of open(2): "O_RDWR|O_NONBLOCK|O_CLOEXEC", and its line "pos 0, flags ..." for the
 * IPC tab when it says more than the access mode. Bits without a name here are appended in
 * octal. */
#include <fcntl.h>

#include "model/fd_describe.h"

/* The kernel sets O_LARGEFILE on every file a 64-bit process opens; the C library defines
 * it as 0 there, so the kernel's own value (asm-generic, x86) is used. */
#if defined(__x86_64__) || defined(__i386__)
#define KERNEL_O_LARGEFILE 0100000u
#else
#define KERNEL_O_LARGEFILE 0u
#endif

static const struct { uint32_t bit; const char *name; } open_bits[] = {
	{ O_CREAT, "O_CREAT" }, { O_EXCL, "O_EXCL" }, { O_NOCTTY, "O_NOCTTY" },
	{ O_TRUNC, "O_TRUNC" }, { O_APPEND, "O_APPEND" }, { O_NONBLOCK, "O_NONBLOCK" },
	{ O_DSYNC, "O_DSYNC" }, { O_ASYNC, "O_ASYNC" }, { O_DIRECT, "O_DIRECT" },
	{ KERNEL_O_LARGEFILE, "O_LARGEFILE" }, { O_DIRECTORY, "O_DIRECTORY" },
	{ O_NOFOLLOW, "O_NOFOLLOW" }, { O_NOATIME, "O_NOATIME" }, { O_CLOEXEC, "O_CLOEXEC" },
	{ O_PATH, "O_PATH" },
};

void open_flags_words(struct strbuf *sb, uint32_t flags)
{
	static const char *const modes[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
	sb_puts(sb, modes[flags & O_ACCMODE]);
	uint32_t rest = flags & ~(uint32_t)O_ACCMODE;
	if ((rest & (uint32_t)O_SYNC) == (uint32_t)O_SYNC) {   /* O_SYNC includes O_DSYNC's bit */
		sb_puts(sb, "|O_SYNC");
		rest &= ~(uint32_t)O_SYNC;
	}
	for (size_t i = 0; i < sizeof open_bits / sizeof open_bits[0]; i++) {
		if (open_bits[i].bit && (rest & open_bits[i].bit)) {
			sb_printf(sb, "|%s", open_bits[i].name);
			rest &= ~open_bits[i].bit;
		}
	}
	if (rest)
		sb_printf(sb, "|0%o", rest);
}

bool fd_pos_flags_describe(struct strbuf *sb, const struct fd_info *f)
{
	uint32_t plain = (uint32_t)O_ACCMODE | KERNEL_O_LARGEFILE;
	if (!f->has_fdinfo || (f->pos == 0 && !(f->oflags & ~plain)))
		return false;   /* the access mode is on the descriptor's own line already */
	sb_printf(sb, "pos %llu, flags ", (unsigned long long)f->pos);
	open_flags_words(sb, f->oflags);
	return true;
}
