# Install rules and the CMake package: headers, libraries, the CLI, the shipped policies,
# redress-config.cmake (find_package(redress)), a version file and pkg-config files.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(REDRESS_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/redress
    CACHE STRING "Where redress-config.cmake is installed, relative to the prefix")

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/redress
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")

set(redress_install_targets redress)
if(TARGET redress_c)
  list(APPEND redress_install_targets redress_c)
endif()
install(TARGETS ${redress_install_targets} EXPORT redress-targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(TARGET redress_cli)
  install(TARGETS redress_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()

set(REDRESS_INSTALL_DATADIR ${CMAKE_INSTALL_DATADIR}/redress)
file(GLOB redress_policies ${PROJECT_SOURCE_DIR}/rules/*.yaml)
install(FILES ${redress_policies} ${PROJECT_SOURCE_DIR}/rules/README.md
        DESTINATION ${REDRESS_INSTALL_DATADIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/rules/schema ${PROJECT_SOURCE_DIR}/rules/clocks
        DESTINATION ${REDRESS_INSTALL_DATADIR})

install(EXPORT redress-targets NAMESPACE redress:: FILE redress-targets.cmake
        DESTINATION ${REDRESS_INSTALL_CMAKEDIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/redress-config.cmake.in
  ${PROJECT_BINARY_DIR}/redress-config.cmake
  INSTALL_DESTINATION ${REDRESS_INSTALL_CMAKEDIR}
  PATH_VARS REDRESS_INSTALL_DATADIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/redress-config-version.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/redress-config.cmake
              ${PROJECT_BINARY_DIR}/redress-config-version.cmake
        DESTINATION ${REDRESS_INSTALL_CMAKEDIR})

# pkg-config: redress (the static C++ library; use --static for its private libraries) and
# redress-c (the shared C ABI). Paths are relative to the .pc file, so the tree is relocatable.
file(RELATIVE_PATH REDRESS_PC_PREFIX
     ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
configure_file(${PROJECT_SOURCE_DIR}/cmake/redress.pc.in ${PROJECT_BINARY_DIR}/redress.pc @ONLY)
set(redress_pc_files ${PROJECT_BINARY_DIR}/redress.pc)
if(TARGET redress_c)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/redress-c.pc.in ${PROJECT_BINARY_DIR}/redress-c.pc
                 @ONLY)
  list(APPEND redress_pc_files ${PROJECT_BINARY_DIR}/redress-c.pc)
endif()
install(FILES ${redress_pc_files} DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
