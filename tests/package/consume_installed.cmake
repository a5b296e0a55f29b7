# Script for package.install_and_consume: installs the build tree into WORK_DIR/prefix, checks
# the layout, then builds and runs consumers as a project outside this repository would.
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()

function(expect_output what pattern)
  if(NOT output MATCHES "${pattern}")
    message(FATAL_ERROR "${what}: output does not match '${pattern}':\n${output}")
  endif()
  message(STATUS "${what}: ok")
endfunction()

set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})

foreach(file include/redress/redress.h include/redress/redress.hpp
             include/redress/engine/policy_store.hpp lib/libredress.a lib/libredress_c.so
             bin/redress share/redress/default.yaml share/redress/bank.yaml
             share/redress/README.md share/redress/schema/incident.schema.json
             lib/cmake/redress/redress-config.cmake lib/cmake/redress/redress-config-version.cmake
             lib/pkgconfig/redress.pc lib/pkgconfig/redress-c.pc)
  if(NOT EXISTS ${prefix}/${file})
    message(FATAL_ERROR "not installed: ${file}")
  endif()
endforeach()

set(compilers -DCMAKE_C_COMPILER=${C_COMPILER} -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
              "-DCMAKE_C_FLAGS=${FLAGS}" "-DCMAKE_CXX_FLAGS=${FLAGS}"
              "-DCMAKE_EXE_LINKER_FLAGS=${FLAGS}")

# find_package(redress 1.0) is refused, 0.1 accepted (SameMajorVersion).
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/package/version-check -B ${WORK_DIR}/version-check
    -G ${GENERATOR} -DCMAKE_PREFIX_PATH=${prefix} ${compilers})
expect_output("version file" "version check passed: redress 0.2.0")

# find_package consumers, C++ (static library) and C (shared C ABI).
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/package/consumer -B ${WORK_DIR}/consumer
    -G ${GENERATOR} -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_BUILD_TYPE=Debug ${compilers})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/consumer -j 2)
run(${WORK_DIR}/consumer/consumer)
expect_output("find_package C++ consumer" "^{\"incident\":\"P-1\",\"policy\":{\"id\":\"default\"")
run(${WORK_DIR}/consumer/consumer_c)
expect_output("find_package C consumer" "^{\"incident\":\"P-2\",\"policy\":{\"id\":\"default\"")

# pkg-config, as a Makefile-based C host would build.
if(PKG_CONFIG)
  set(ENV{PKG_CONFIG_PATH} ${prefix}/lib/pkgconfig)
  run(${PKG_CONFIG} --cflags --libs redress-c)
  string(STRIP "${output}" flags)
  separate_arguments(flags UNIX_COMMAND "${flags} ${FLAGS}")
  run(${C_COMPILER} -std=c99 ${SOURCE_DIR}/tests/package/consumer/main.c ${flags}
      -Wl,-rpath,${prefix}/lib -o ${WORK_DIR}/pkgconfig_consumer_c)
  run(${WORK_DIR}/pkgconfig_consumer_c)
  expect_output("pkg-config C consumer" "^{\"incident\":\"P-2\"")
endif()

# Python (standard library ctypes) over the installed shared library.
if(PYTHON)
  set(ENV{REDRESS_C_LIBRARY} ${prefix}/lib/libredress_c.so)
  if(FLAGS MATCHES "address")
    # An instrumented library in an uninstrumented interpreter needs the runtime loaded first,
    # and libstdc++ with it, or ASan's exception interceptor finds no __cxa_throw to call.
    execute_process(COMMAND ${CXX_COMPILER} -print-file-name=libasan.so
                    OUTPUT_VARIABLE asan OUTPUT_STRIP_TRAILING_WHITESPACE)
    execute_process(COMMAND ${CXX_COMPILER} -print-file-name=libstdc++.so
                    OUTPUT_VARIABLE stdcxx OUTPUT_STRIP_TRAILING_WHITESPACE)
    set(ENV{LD_PRELOAD} "${asan}:${stdcxx}")
    set(ENV{ASAN_OPTIONS} detect_leaks=0)
  endif()
  run(${PYTHON} ${SOURCE_DIR}/examples/crm-webhook-python/webhook.py
      ${SOURCE_DIR}/examples/crm-webhook-python/payloads)
  expect_output("Python ctypes consumer" "\"policy\": \"default\"")
  run(${PYTHON} ${SOURCE_DIR}/examples/crm-webhook-python/quickstart.py)
  expect_output("README Python snippet" "^frontline 1.0.0 dec-[0-9a-f]+\n$")
  unset(ENV{LD_PRELOAD})
endif()

message("package test passed")
