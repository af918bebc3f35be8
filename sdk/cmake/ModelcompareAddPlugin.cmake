# modelcompare_add_plugin(<name> SOURCES <file>...)
#
# Builds a plugin as a MODULE library named modelcompare-<name>.so, with hidden symbols (only the
# descriptor is exported) and no undefined symbols left for the host to resolve. Inside the
# modelcompare tree it lands in the build tree's plugin folder and is installed beside the others.
function(modelcompare_add_plugin name)
  cmake_parse_arguments(PLUGIN "" "" "SOURCES" ${ARGN})
  set(target modelcompare-${name})
  add_library(${target} MODULE ${PLUGIN_SOURCES})
  target_link_libraries(${target} PRIVATE modelcompare::sdk)
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_link_options(${target} PRIVATE "LINKER:-z,defs")
  if(DEFINED MODELCOMPARE_PLUGIN_OUTPUT_DIR)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${MODELCOMPARE_PLUGIN_OUTPUT_DIR})
    install(TARGETS ${target} LIBRARY DESTINATION ${MODELCOMPARE_PLUGIN_INSTALL_DIR})
  endif()
endfunction()
