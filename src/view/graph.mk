# src/view/graph.mk — graph view (included by src/view/local.mk)
