# src/view/local.mk — sources of src/view (included by Makefile.am)
include $(srcdir)/src/view/graph.mk
libipctop_a_SOURCES += \
	src/view/ui.c src/view/ui.h \
	src/view/term_check.c src/view/term_check.h \
	src/view/term_input.c src/view/term_input.h \
	src/view/term_input_seq.c src/view/term_input_dec.h \
	src/view/proc_cols.c src/view/proc_cols.h \
	src/view/proc_sort.c src/view/proc_sort.h \
	src/view/proc_tree.c src/view/proc_tree.h \
	src/view/proc_cpu.c src/view/proc_cpu.h \
	src/view/proc_names.c src/view/proc_names.h \
	src/view/settings.c src/view/settings.h \
	src/view/help_text.c src/view/help_text.h \
	src/view/tui.c src/view/tui.h src/view/tui_state.h \
	src/view/view_header.c src/view/view_fkeys.c src/view/view_list.c \
	src/view/dialog.c src/view/view_detail.c src/view/view_pcb.c \
	src/view/view_sched.c src/view/view_ipc.c src/view/view_memory.c \
	src/view/view_help.c src/view/view_setup.c
