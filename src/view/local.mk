# src/view/local.mk — sources of src/view (included by Makefile.am)
include $(srcdir)/src/view/graph.mk
libipctop_a_SOURCES += \
	src/view/ui.c src/view/ui.h src/view/ui_theme.c src/view/ui_theme.h \
	src/view/term_check.c src/view/term_check.h \
	src/view/term_input.c src/view/term_input.h src/view/term_input_seq.c src/view/term_input_dec.h \
	src/view/proc_cols.c src/view/proc_cols.h \
	src/view/proc_sort.c src/view/proc_sort.h \
	src/view/proc_tree.c src/view/proc_tree.h \
	src/view/proc_cpu.c src/view/proc_cpu.h \
	src/view/proc_names.c src/view/proc_names.h \
	src/view/settings.c src/view/settings.h \
	src/view/help_text.c src/view/help_text.h \
	src/view/keymap.c src/view/keymap.h src/view/keymap_text.c src/view/keymap_text.h \
	src/view/view.h src/view/screens.c \
	src/view/tui.c src/view/tui.h src/view/tui_int.h src/view/tui_stack.c src/view/tui_draw.c \
	src/view/tui_term.c src/view/tui_term.h src/view/tui_lesson.c src/view/tui_replay.c src/view/tui_replay_play.c src/view/tui_record.c \
	src/view/dialog.c src/view/dialog.h src/view/view_act.c src/view/view_act.h \
	src/view/view_header.c \
	src/view/list_int.h src/view/list_marks.h src/view/list_marks.c src/view/filter_keep.h src/view/filter_keep.c src/view/list_rows.c src/view/list_draw.c src/view/list_cells.c src/view/list_menus.c \
	src/view/view_list.c \
	src/view/detail_int.h src/view/view_detail.c src/view/view_pcb.c \
	src/view/view_sched.c src/view/view_ipc.c src/view/view_memory.c src/view/view_memfig.c src/view/view_memcmp.c \
	src/view/view_help.c src/view/view_setup.c src/view/view_graph_screen.c \
	src/view/prompt_edit.c src/view/prompt_edit.h \
	src/view/chans_int.h src/view/chans_cells.c src/view/chans_rows.c src/view/chans_draw.c src/view/chans_lone.c \
	src/view/view_chans.c \
	src/view/waits_int.h src/view/waits_rows.c src/view/waits_draw.c src/view/view_waits.c \
	src/view/table_nav.c src/view/table_nav.h \
	src/view/view_changes.c
# the header meters: their layout in the settings file, the bars, the F2 page
libipctop_a_SOURCES += src/view/meter_setup.c src/view/meter_setup.h src/view/meters_int.h \
	src/view/view_meters.c src/view/view_setup_meters.c
