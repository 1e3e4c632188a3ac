/* capability_names.c — Linux capability bits to their names without "CAP_", lower case,
 * as capabilities(7) lists them (bit 0 chown .. bit 40 checkpoint_restore). */
#include "model/kernel_names.h"

#include <stddef.h>

const char *capability_name(int bit)
{
	static const char *const names[] = {
		"chown", "dac_override", "dac_read_search", "fowner", "fsetid", "kill", "setgid",
		"setuid", "setpcap", "linux_immutable", "net_bind_service", "net_broadcast",
		"net_admin", "net_raw", "ipc_lock", "ipc_owner", "sys_module", "sys_rawio",
		"sys_chroot", "sys_ptrace", "sys_pacct", "sys_admin", "sys_boot", "sys_nice",
		"sys_resource", "sys_time", "sys_tty_config", "mknod", "lease", "audit_write",
		"audit_control", "setfcap", "mac_override", "mac_admin", "syslog", "wake_alarm",
		"block_suspend", "audit_read", "perfmon", "bpf", "checkpoint_restore",
	};
	return bit >= 0 && (size_t)bit < sizeof(names) / sizeof(names[0]) ? names[bit] : NULL;
}
