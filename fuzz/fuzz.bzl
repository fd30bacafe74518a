"""pd_fuzz_target: one fuzz target, built for whichever engine is configured.

With --config=fuzz (clang-14, libFuzzer, ASan, UBSan) the binary is a libFuzzer
fuzzer; in the plain configuration (gcc) it is linked with
standalone_main.cc and runs the files it is given once. Either way
`<name>_corpus_test` runs the seed corpus (`corpus`, a filegroup whose files
lie in `corpus_dir` of the runfiles) through the target as a regression test:
the plain driver runs every file of the directory, libFuzzer with -runs=0
runs the corpus once.
"""

load("@rules_cc//cc:defs.bzl", "cc_binary", "cc_test")

def pd_fuzz_target(name, srcs, deps = [], corpus = "//fuzz:corpus", corpus_dir = "fuzz/corpus", corpus_test_env = {}, **kwargs):
    cc_binary(
        name = name,
        srcs = srcs,
        deps = deps + ["//fuzz:fuzz_engine"],
        **kwargs
    )
    cc_test(
        name = name + "_corpus_test",
        size = "small",
        srcs = srcs,
        deps = deps + ["//fuzz:fuzz_engine"],
        data = [corpus],
        # -runs=0: libFuzzer runs the corpus once and stops; the plain
        # driver ignores flags and runs every file in the directory.
        args = ["-runs=0", corpus_dir],
        env = corpus_test_env,
    )
