# CMake glue for the Debian packages Convoscope builds against: one imported target per package.
find_package(PkgConfig REQUIRED)
find_package(Torch REQUIRED)
find_package(ZLIB REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(CLI11 CONFIG QUIET)
find_package(GTest REQUIRED)
find_package(benchmark QUIET)

pkg_check_modules(EPOXY REQUIRED IMPORTED_TARGET epoxy)
pkg_check_modules(GLFW REQUIRED IMPORTED_TARGET glfw3)
pkg_check_modules(EGL REQUIRED IMPORTED_TARGET egl)
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)

add_library(convoscope::epoxy ALIAS PkgConfig::EPOXY)
add_library(convoscope::glfw ALIAS PkgConfig::GLFW)
add_library(convoscope::egl ALIAS PkgConfig::EGL)
add_library(convoscope::stb ALIAS PkgConfig::STB)
add_library(convoscope::json ALIAS nlohmann_json::nlohmann_json)

# libimgui.a holds the GLFW and OpenGL3 backends; they need GLFW and dlopen (the GL3 loader).
add_library(convoscope_imgui INTERFACE)
target_link_libraries(convoscope_imgui INTERFACE PkgConfig::IMGUI PkgConfig::GLFW ${CMAKE_DL_LIBS})
add_library(convoscope::imgui ALIAS convoscope_imgui)

add_library(convoscope_glm INTERFACE)
target_compile_definitions(convoscope_glm INTERFACE GLM_FORCE_RADIANS GLM_ENABLE_EXPERIMENTAL)
add_library(convoscope::glm ALIAS convoscope_glm)

add_library(convoscope_cli11 INTERFACE)
if(TARGET CLI11::CLI11)
  target_link_libraries(convoscope_cli11 INTERFACE CLI11::CLI11)
endif()
add_library(convoscope::cli11 ALIAS convoscope_cli11)
