#!/usr/bin/env python3
"""The CI kit's jobs, run on this machine so that they cannot rot.

Each job's YAML is parsed (python3-yaml) and its shell steps run in order in a
temporary copy of a plugin project (the example plugin with its
CMakeLists.txt and a committed pdconform.pdbaseline), with pdconform
installed under PREFIX by tools/install.sh beforehand, as a warm CI cache
would hold it (so the steps that clone and install are skipped by their own
check). Steps that are actions of the CI service (`uses:`: checkout, cache,
publishing) are not run; the test checks what they are given instead: the
junit.xml they publish exists and validates against reports/junit.xsd.

For each kit: the example plugin with an empty baseline passes; the same
project with a regression (the example's wrong variant) fails, and still
leaves junit.xml to publish; with that violation in the baseline it passes.

Usage: ci_kit_test.py (run from the runfiles root)
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import yaml

RUNFILES = os.getcwd()
WORK = os.path.join(os.environ.get("TEST_TMPDIR") or tempfile.mkdtemp(), "ci-kit")
PREFIX = os.path.join(WORK, "prefix")
# Overrides of the jobs' variables for this machine: the install is there
# already, and a shorter run (a few rules, one the regression breaks).
OVERRIDES = {"PDCONFORM_PREFIX": PREFIX, "PDCONFORM_GIT_URL": "unused: pdconform is installed",
             "PDCONFORM_ARGS": "--cases 20 --rules first-notify,single-registration,no-crash"}
EXAMPLE = os.path.join(RUNFILES, "adapters/examples")
BUG = "\nadd_compile_definitions(EXAMPLE_BUG_ACCEPT_SECOND_REGISTRATION)\n"


def setUpModule():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    subprocess.run(["tools/install.sh", RUNFILES, PREFIX], check=True, stdout=subprocess.DEVNULL)


def make_project(name, regression=False, baseline="pdbaseline 1\n"):
    project = os.path.join(WORK, name)
    os.makedirs(project)
    for file in os.listdir(EXAMPLE):
        if file.endswith((".c", ".h")) or file == "CMakeLists.txt":
            shutil.copy(os.path.join(EXAMPLE, file), project)
    if regression:
        with open(os.path.join(project, "CMakeLists.txt"), "a") as f:
            f.write(BUG)
    with open(os.path.join(project, "pdconform.pdbaseline"), "w") as f:
        f.write(baseline)
    return project


def run_shell(script, project, env, log):
    """One step: bash with errexit and pipefail, as both services run it."""
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=project,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log.append(f"$ {script.strip()}\n{result.stdout}(exit {result.returncode})")
    return result.returncode == 0


def base_env(project):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("TEST_", "BUILD_"))}
    env.update({"CI": "true", "CI_PROJECT_DIR": project, "GITHUB_WORKSPACE": project})
    return env


def resolve(variables, env):
    """The job's variables as the service sets them, then this machine's."""
    for key, value in variables.items():
        if key in OVERRIDES:
            env[key] = OVERRIDES[key]
            continue
        value = "" if value is None else str(value)
        if "${{" in value:
            raise AssertionError(f"{key}: a GitHub expression without an override here: {value}")
        env[key] = re.sub(r"\$\{?(\w+)\}?", lambda m: env.get(m.group(1), ""), value)
    return env


def run_github(workflow, project):
    """The workflow's one job: `run:` steps in order; after a failure only
    `if: always()` steps. Returns (passed, log, the steps not run here)."""
    (job,) = workflow["jobs"].values()
    env = resolve(job.get("env", {}), base_env(project))
    passed, log, actions = True, [], []
    for step in job["steps"]:
        if not passed and "always()" not in str(step.get("if", "")):
            continue
        if "uses" in step:
            actions.append(step)
            continue
        passed = run_shell(step["run"], project, env, log) and passed
    return passed, log, actions


def run_gitlab(pipeline, project):
    """The job: before_script and script as one shell (GitLab stops at the
    first failing line). Returns (passed, log, the job)."""
    (job,) = pipeline.values()
    env = resolve(job.get("variables", {}), base_env(project))
    log = []
    passed = run_shell("\n".join(job.get("before_script", []) + job["script"]), project, env, log)
    return passed, log, job


def load(name):
    with open(os.path.join(RUNFILES, "docs/ci", name)) as f:
        return yaml.safe_load(f)


def write_baseline(project, env_args):
    """The baseline a project commits for its known violations."""
    subprocess.run([os.path.join(PREFIX, "bin/pdconform"), "--impl", "plugin:build/libexample_plugin.so",
                    "--no-report", "--write-baseline", "pdconform.pdbaseline"] + env_args.split(),
                   cwd=project, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(os.path.join(project, "pdconform.pdbaseline")) as f:
        return f.read()


class CiKitTest(unittest.TestCase):
    def check_junit(self, project):
        junit = os.path.join(project, "pdconform-report/junit.xml")
        self.assertTrue(os.path.getsize(junit) > 0, "no junit.xml to publish")
        subprocess.run(["xmllint", "--noout", "--schema", os.path.join(RUNFILES, "reports/junit.xsd"), junit],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def run_kit(self, kit, runner, publishes):
        document = load(kit)
        project = make_project(kit + "-clean")
        passed, log, extra = runner(document, project)
        self.assertTrue(passed, "\n".join(log))
        self.check_junit(project)
        publishes(extra)

        project = make_project(kit + "-regression", regression=True)
        passed, log, _ = runner(document, project)
        self.assertFalse(passed, "a new violation did not fail the job:\n" + "\n".join(log))
        self.assertIn("VIOLATED", "\n".join(log))
        self.check_junit(project)

        baseline = write_baseline(project, OVERRIDES["PDCONFORM_ARGS"])
        self.assertIn(" single-registration", baseline)
        project = make_project(kit + "-known", regression=True, baseline=baseline)
        passed, log, _ = runner(document, project)
        self.assertTrue(passed, "a known violation failed the job:\n" + "\n".join(log))
        self.assertIn("known", "\n".join(log))

    def test_github_actions_workflow(self):
        def publishes(actions):
            published = [a for a in actions if "junit" in a["uses"]]
            self.assertEqual(len(published), 1, actions)
            self.assertEqual(published[0]["with"]["report_paths"], "pdconform-report/junit.xml")
            self.assertIn("always()", published[0]["if"])
        self.run_kit("github-actions.yml", run_github, publishes)

    def test_gitlab_ci_job(self):
        def publishes(job):
            self.assertEqual(job["artifacts"]["reports"]["junit"], "pdconform-report/junit.xml")
            self.assertEqual(job["artifacts"]["when"], "always")
        self.run_kit("gitlab-ci.yml", run_gitlab, publishes)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
