# src/collect/sockdiag.mk — NETLINK_SOCK_DIAG collector (included by src/collect/local.mk)
