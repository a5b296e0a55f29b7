"""Builds the extension redress._redress with the repository's CMake (REDRESS_BUILD_PYTHON).

Only what the extension needs is configured: no CLI, C library, tests or examples. Set
REDRESS_CMAKE_ARGS for more (e.g. "-DCMAKE_CXX_COMPILER=clang++"), and CMAKE_BUILD_PARALLEL_LEVEL
for the number of compile jobs (default: the number of cores).
"""
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = pathlib.Path(__file__).resolve().parent
REPOSITORY = HERE.parent


def project_version():
    """The version of CMakeLists.txt's project(), the one place it is written."""
    text = (REPOSITORY / "CMakeLists.txt").read_text(encoding="utf-8")
    return re.search(r"project\(redress VERSION ([0-9.]+)", text).group(1)


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        if not (REPOSITORY / "CMakeLists.txt").is_file():
            raise RuntimeError(f"{REPOSITORY} is not the redress repository: build from python/ "
                               "inside a checkout of it")
        package_dir = pathlib.Path(self.get_ext_fullpath(ext.name)).resolve().parent
        build_dir = pathlib.Path(self.build_temp).resolve() / "cmake"
        configure = [
            "cmake", "-S", str(REPOSITORY), "-B", str(build_dir),
            f"-DCMAKE_BUILD_TYPE={'Debug' if self.debug else 'Release'}",
            f"-DPython_EXECUTABLE={sys.executable}",
            f"-DREDRESS_PYTHON_PACKAGE_DIR={package_dir}",
            "-DREDRESS_BUILD_PYTHON=ON", "-DREDRESS_BUILD_TESTS=OFF", "-DREDRESS_BUILD_CLI=OFF",
            "-DREDRESS_BUILD_EXAMPLES=OFF", "-DREDRESS_BUILD_C_LIBRARY=OFF",
            "-DREDRESS_INSTALL=OFF",
        ]
        if shutil.which("ninja"):
            configure += ["-G", "Ninja"]
        if shutil.which("ccache"):
            configure += ["-DCMAKE_CXX_COMPILER_LAUNCHER=ccache"]
        configure += shlex.split(os.environ.get("REDRESS_CMAKE_ARGS", ""))
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 1)
        subprocess.run(configure, check=True)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "_redress", "-j", jobs],
                       check=True)


setup(
    version=project_version(),
    ext_modules=[Extension("redress._redress", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
)
