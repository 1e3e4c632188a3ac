# src/collect/parse.mk — pure /proc text parsers (included by src/collect/local.mk)
libipctop_a_SOURCES += \
	src/collect/parse_proc.h src/collect/parse_util.h \
	src/collect/parse_status.c src/collect/parse_stat.c src/collect/parse_stat.h \
	src/collect/parse_maps.c src/collect/maps_classify.c \
	src/collect/parse_smaps.c \
	src/collect/parse_fdinfo.c \
	src/collect/parse_sysvipc.c \
	src/collect/parse_schedstat.c src/collect/parse_io.c \
	src/collect/parse_fdlink.c \
	src/collect/parse_mountinfo.c \
	src/collect/parse_sysstat.c src/collect/parse_sysstat.h
