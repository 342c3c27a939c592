# Installs the embedded library, its public header and a CMake package.
include(CMakePackageConfigHelpers)
include(GNUInstallDirs)

add_library(heliosdb INTERFACE)
target_link_libraries(heliosdb INTERFACE helios_engine)

install(TARGETS heliosdb helios_engine helios_storage EXPORT HeliosDBTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/heliosdb DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS heliosdb-lite RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT HeliosDBTargets NAMESPACE HeliosDB:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/HeliosDB)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/HeliosDBConfig.cmake.in
                              ${CMAKE_BINARY_DIR}/HeliosDBConfig.cmake
                              INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/HeliosDB)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/HeliosDBConfigVersion.cmake COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_BINARY_DIR}/HeliosDBConfig.cmake ${CMAKE_BINARY_DIR}/HeliosDBConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/HeliosDB)
