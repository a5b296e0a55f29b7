// The compiled part of the Python package `redress` (python/redress/): policies, deciding one
// incident, and deciding many on the batch pipeline. The Python layer above it turns incidents
// into JSON and JSON back into Decision objects; see python/redress/_redress.pyi.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <string>

#include "decide_list.hpp"
#include "decide_stream.hpp"
#include "failure.hpp"
#include "policy_handle.hpp"
#include "redress/io/diagnostics_writer.hpp"
#include "redress/io/load_policy.hpp"
#include "redress/lint/lint.hpp"

namespace py = pybind11;
using redress::python::DecideStream;
using redress::python::Failure;
using redress::python::PolicyHandle;

namespace {

// pybind11 holds no pointer to const; the handle is still never changed once made.
using Handle = std::shared_ptr<PolicyHandle>;

// Compiling a policy can take a while and touches no Python object: other threads may run.
template <typename Load>
Handle compile(Load load, const std::string& name) {
  redress::CompileResult result;
  {
    py::gil_scoped_release release;
    result = load();
  }
  return redress::python::make_handle(std::move(result), name);
}

void raise_failure(const Failure& failure) {
  // redress.errors defines the classes (with their docstrings); it is imported by the package
  // before this module can be called, so the import is a lookup.
  const auto errors = py::module_::import("redress.errors");
  const auto type = errors.attr(redress::python::exception_name(failure.kind()));
  const auto diagnostics = redress::io::to_json(failure.diagnostics());
  PyErr_SetObject(type.ptr(), type(failure.what(), diagnostics).ptr());
}

}  // namespace

PYBIND11_MODULE(_redress, m) {
  m.doc() = "The compiled core of the redress package; use the `redress` package, not this.";

  py::register_exception_translator([](std::exception_ptr error) {
    try {
      if (error) std::rethrow_exception(error);
    } catch (const Failure& failure) {
      raise_failure(failure);
    }
  });

  py::class_<PolicyHandle, Handle>(m, "CompiledPolicy")
      .def_static(
          "load",
          [](const std::string& path) {
            return compile([&] { return redress::load_policy_file(path); }, path);
          },
          py::arg("path"))
      .def_static(
          "from_yaml",
          [](const std::string& text, const std::string& name) {
            return compile([&] { return redress::load_policy(text, name); }, name);
          },
          py::arg("text"), py::arg("name"))
      .def_static("default",
                  [] {
                    return compile([] { return redress::load_default_policy(); },
                                   "<built-in>/default.yaml");
                  })
      .def_property_readonly("id", [](const PolicyHandle& h) { return h.policy->identity.id; })
      .def_property_readonly("version",
                             [](const PolicyHandle& h) { return h.policy->identity.version; })
      .def_property_readonly("hash", [](const PolicyHandle& h) { return h.policy->identity.hash; })
      .def_property_readonly("name", [](const PolicyHandle& h) { return h.name; })
      .def_property_readonly("source", [](const PolicyHandle& h) { return h.source; })
      .def_property_readonly(
          "currency", [](const PolicyHandle& h) { return std::string(h.policy->currency.code()); })
      .def("lint_json",
           [](const PolicyHandle& h) {
             std::string json;
             {
               py::gil_scoped_release release;
               json = redress::io::to_json(redress::lint(*h.policy));
             }
             return json;
           })
      .def(
          "decide_json",
          [](const PolicyHandle& h, std::string_view incident, bool trace) {
            py::gil_scoped_release release;
            return redress::python::decide_json(h, incident, trace);
          },
          py::arg("incident"), py::arg("trace") = false)
      .def(
          "explain_json",
          [](const PolicyHandle& h, std::string_view incident, std::string_view outcome) {
            py::gil_scoped_release release;
            return redress::python::explain_json(h, incident, outcome);
          },
          py::arg("incident"), py::arg("outcome"))
      .def(
          "decide_list",
          [](const PolicyHandle& h, const py::sequence& items, bool trace,
             std::uint64_t first_line) {
            return redress::python::decide_list(h, items, trace, first_line);
          },
          py::arg("items"), py::arg("trace") = false, py::arg("first_line") = 1)
      .def(
          "decide_stream",
          [](Handle h, py::iterable items, unsigned threads, bool trace) {
            return std::make_unique<DecideStream>(std::move(h), py::iter(items), threads, trace);
          },
          py::arg("items"), py::arg("threads") = 0, py::arg("trace") = false);

  py::class_<DecideStream>(m, "DecideStream")
      .def("next_batch", &DecideStream::next_batch, py::arg("most") = 1024)
      .def("close", &DecideStream::close);
  py::module_::import("atexit").attr("register")(py::cpp_function(&DecideStream::close_all));
}
