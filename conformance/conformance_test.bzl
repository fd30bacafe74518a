"""conformance_test: the suite as a Bazel test target, sharded like pdconform.

    load("//conformance:conformance_test.bzl", "conformance_test")

    conformance_test(
        name = "my_port_conformance_test",
        impl = "plugin:$(rootpath :my_port)",  # pdconform --impl; $(rootpath) of a target in data
        data = [":my_port"],
        baseline = "my_port.pdbaseline",       # optional: pdconform --baseline
        shard_count = 8,                       # split the seed budget over 8 test shards
    )

Each Bazel test shard runs `pdconform --shard $TEST_SHARD_INDEX/$TEST_TOTAL_SHARDS`,
so a sharded target splits every rule's cases exactly as `pdconform --shard I/N`
does, and any remote-execution service can spread a large budget over machines.
Each shard's reports land in its undeclared outputs (outputs.zip), its junit.xml
becomes Bazel's test.xml (one test case per rule), and
`pdconform --merge` joins the shards' report.json files into one report.
"""

def conformance_test(
        name,
        impl,
        baseline = None,
        cases = None,
        seed = None,
        shard_count = None,
        data = [],
        size = "medium",
        check_report = False,
        **kwargs):
    args = ["$(rootpath //conformance:pdconform)", impl, "$(rootpath %s)" % baseline if baseline else "-"]
    if cases != None:
        args.append("--cases=%d" % cases)
    if seed != None:
        args.append("--seed=%d" % seed)
    data = ["//conformance:pdconform"] + data
    if baseline:
        data.append(baseline)

    # This repository's own targets also validate each shard's report.json
    # against the schema with python3-jsonschema (tools/setup.sh installs it).
    if check_report:
        data += ["//reports:check_report_json.py", "//reports:report.schema.json"]
    native.sh_test(
        name = name,
        srcs = ["//conformance:conformance_test.sh"],
        args = args,
        data = data,
        shard_count = shard_count,
        size = size,
        **kwargs
    )
