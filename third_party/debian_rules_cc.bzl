"""Loads Debian's bazel-rules-cc, patched for Bazel 4.2.3.

rules_cc 0.0.4 calls use_cpp_toolchain(), added to @bazel_tools only in later
Bazel releases. It is only sugar for the C++ toolchain type label, so the copy
gets that label instead.
"""

_SOURCE = "/usr/share/bazel/rules/cc"
_TOOLCHAIN_TYPE = "[\"@bazel_tools//tools/cpp:toolchain_type\"]"
_PATCHED = [
    "cc/private/rules_impl/cc_flags_supplier.bzl",
    "cc/private/rules_impl/compiler_flag.bzl",
]

def _debian_rules_cc_impl(ctx):
    source = ctx.path(_SOURCE)
    if not source.exists:
        fail("%s is missing: install Debian's bazel-rules-cc (third_party/setup.sh)" % _SOURCE)
    result = ctx.execute(["cp", "-R", _SOURCE + "/.", "."])
    if result.return_code != 0:
        fail("copying %s failed: %s" % (_SOURCE, result.stderr))
    for path in _PATCHED:
        text = ctx.read(path)
        text = text.replace(", \"use_cpp_toolchain\")", ")")
        text = text.replace("use_cpp_toolchain()", _TOOLCHAIN_TYPE)
        ctx.file(path, text, legacy_utf8 = False)

    # The upstream WORKSPACE downloads its own development dependencies.
    ctx.file("WORKSPACE", "workspace(name = \"rules_cc\")\n")

debian_rules_cc = repository_rule(
    implementation = _debian_rules_cc_impl,
    local = True,
)
