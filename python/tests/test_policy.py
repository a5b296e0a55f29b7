"""Loading, compiling and linting policies, and the errors of policies that do not compile."""
import hashlib
import pickle

import pytest

import redress


def test_identity_of_a_loaded_policy(hotel, rules):
    assert (hotel.id, hotel.version, hotel.currency) == ("hotel", "1.0.0", "CNY")
    assert hotel.name == str(rules / "hotel.yaml")
    assert hotel.yaml == (rules / "hotel.yaml").read_text(encoding="utf-8")
    # The hash is the SHA-256 of the policy's text, as in every decision's "policy".
    assert hotel.hash == "sha256:" + hashlib.sha256(hotel.yaml.encode()).hexdigest()


def test_default_policy_is_the_shipped_default(default, rules):
    assert default.id == "default"
    assert default.yaml == (rules / "default.yaml").read_text(encoding="utf-8")
    assert default.name == "<built-in>/default.yaml"


def test_from_yaml_gives_the_same_policy(hotel):
    again = redress.Policy.from_yaml(hotel.yaml, name="hotel.yaml")
    assert (again.id, again.version, again.hash, again.name) == (
        "hotel", "1.0.0", hotel.hash, "hotel.yaml")


def test_pickle_sends_the_text_and_compiles_again(bank):
    copy = pickle.loads(pickle.dumps(bank))
    assert copy is not bank and copy.hash == bank.hash and copy.name == bank.name


def test_a_policy_that_does_not_compile_names_file_line_and_column(hotel):
    lines = hotel.yaml.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "when: magnitude >= major" in line)
    lines[at] = lines[at].replace("magnitude >= major", "magnitude >= )")
    with pytest.raises(redress.PolicyError) as caught:
        redress.Policy.from_yaml("".join(lines), name="broken.yaml")
    error = caught.value
    assert error.code == "expr.syntax"
    assert (error.file, error.line) == ("broken.yaml", at + 1)
    assert error.column == lines[at].index(")") + 1
    assert str(error).startswith("policy 'broken.yaml' does not compile (1 error): broken.yaml:")
    assert error.diagnostics[0].severity == "error"
    assert isinstance(error, redress.RedressError)


def test_an_unreadable_policy_file_is_policy_io(tmp_path):
    with pytest.raises(redress.PolicyError) as caught:
        redress.Policy.load(tmp_path / "missing.yaml")
    assert caught.value.code == "policy.io"
    assert "missing.yaml" in caught.value.message
    assert caught.value.hint == "check the path and the file's permissions"


def test_yaml_that_is_not_a_policy(tmp_path):
    with pytest.raises(redress.PolicyError) as caught:
        redress.Policy.from_yaml("policy: [unclosed", name="bad.yaml")
    assert caught.value.file == "bad.yaml" and caught.value.line == 1
    assert caught.value.code == "yaml.syntax"


def test_errors_survive_pickling(tmp_path):
    with pytest.raises(redress.PolicyError) as caught:
        redress.Policy.load(tmp_path / "missing.yaml")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert type(copy) is redress.PolicyError and copy.code == "policy.io"
    assert copy.diagnostics == caught.value.diagnostics


def test_lint_finds_a_rule_that_never_fires(hotel):
    clean = hotel.lint()
    assert [d.code for d in clean] == ["lint.unhandled_category"] * 2
    assert all(d.severity == "info" for d in clean)
    lines = hotel.yaml.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "when: magnitude >= major" in line)
    lines[at] = lines[at].replace("magnitude >= major", "magnitude >= major and magnitude < minor")
    findings = redress.Policy.from_yaml("".join(lines), name="h.yaml").lint()
    never = [d for d in findings if d.code == "lint.never_fires"]
    assert len(never) == 1
    assert (never[0].file, never[0].line, never[0].severity) == ("h.yaml", at - 1, "warning")
    assert "'p2-major' can never fire" in never[0].message
