# bench/local.mk — benchmarks (make bench)
