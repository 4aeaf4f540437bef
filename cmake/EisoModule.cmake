# eiso_module(NAME [DEPENDS mod...] [LIBS target...] [TEST_ARGS arg...])
# Builds src/NAME/*.cpp (not *_test.cpp) into the static library eiso_NAME, embeds
# src/NAME/migrations/*.sql into it, and builds src/NAME/*_test.cpp into eiso_NAME_test (ctest).
function(eiso_module name)
  cmake_parse_arguments(M "" "" "DEPENDS;LIBS;TEST_ARGS" ${ARGN})
  set(dir ${CMAKE_CURRENT_SOURCE_DIR}/${name})
  file(GLOB sources CONFIGURE_DEPENDS ${dir}/*.cpp)
  file(GLOB tests CONFIGURE_DEPENDS ${dir}/*_test.cpp)
  if(tests)
    list(REMOVE_ITEM sources ${tests})
  endif()
  file(GLOB migrations CONFIGURE_DEPENDS ${dir}/migrations/*.sql)
  if(migrations)
    list(SORT migrations)
    set(gen ${CMAKE_BINARY_DIR}/gen/${name}_migrations.cpp)
    string(REPLACE ";" "," files_arg "${migrations}")
    add_custom_command(
      OUTPUT ${gen}
      COMMAND ${CMAKE_COMMAND} -DMODULE=${name} -DOUT=${gen} "-DFILES=${files_arg}"
              -P ${PROJECT_SOURCE_DIR}/cmake/EmbedMigrations.cmake
      DEPENDS ${migrations} ${PROJECT_SOURCE_DIR}/cmake/EmbedMigrations.cmake
      COMMENT "Embedding ${name} migrations" VERBATIM)
    list(APPEND sources ${gen})
  endif()
  add_library(eiso_${name} STATIC ${sources})
  target_include_directories(eiso_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  set(deps)
  foreach(d IN LISTS M_DEPENDS)
    list(APPEND deps eiso_${d})
  endforeach()
  target_link_libraries(eiso_${name} PUBLIC ${deps} ${M_LIBS} PRIVATE eiso_warnings)
  if(EISO_BUILD_TESTS AND tests)
    add_executable(eiso_${name}_test ${tests})
    target_link_libraries(eiso_${name}_test PRIVATE eiso_${name} eiso_testing GTest::gtest_main GTest::gmock eiso_warnings)
    add_test(NAME ${name} COMMAND eiso_${name}_test ${M_TEST_ARGS})
    set_tests_properties(${name} PROPERTIES LABELS unit)
  endif()
endfunction()
