#include "renderer/ShaderProgram.h"

#include <epoxy/gl.h>

#include <glm/gtc/type_ptr.hpp>
#include <stdexcept>
#include <string>

#include "renderer/TileKind.h"

namespace convoscope {
namespace {

// Shader files carry no #version line so one source serves every context; GL 3.3 core is the floor. The
// preamble also declares the tile kinds (renderer/TileKind.h) so shaders name them as C++ does.
std::string preamble(const std::string& defines) {
  return "#version 330 core\n" + tileKindGlsl() + defines + "#line 1\n";
}

GLuint compile(GLenum stage, const std::string& name, const std::string& defines) {
  const std::string head = preamble(defines);
  const char* sources[] = {head.c_str(), shaderSource(name)};
  GLuint shader = glCreateShader(stage);
  glShaderSource(shader, 2, sources, nullptr);
  glCompileShader(shader);
  GLint ok = GL_FALSE;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    GLint length = 0;
    glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
    std::string log(static_cast<size_t>(length > 1 ? length : 1), '\0');
    glGetShaderInfoLog(shader, length, nullptr, log.data());
    glDeleteShader(shader);
    throw std::runtime_error("shader " + name + " does not compile:\n" + log);
  }
  return shader;
}

}  // namespace

ShaderProgram::ShaderProgram(const std::string& vertexName, const std::string& fragmentName,
                             const std::string& defines) {
  GLuint vertex = compile(GL_VERTEX_SHADER, vertexName, defines);
  GLuint fragment = 0;
  try {
    fragment = compile(GL_FRAGMENT_SHADER, fragmentName, defines);
  } catch (...) {
    glDeleteShader(vertex);
    throw;
  }
  program_ = glCreateProgram();
  glAttachShader(program_, vertex);
  glAttachShader(program_, fragment);
  glLinkProgram(program_);
  glDeleteShader(vertex);
  glDeleteShader(fragment);
  GLint ok = GL_FALSE;
  glGetProgramiv(program_, GL_LINK_STATUS, &ok);
  if (!ok) {
    GLint length = 0;
    glGetProgramiv(program_, GL_INFO_LOG_LENGTH, &length);
    std::string log(static_cast<size_t>(length > 1 ? length : 1), '\0');
    glGetProgramInfoLog(program_, length, nullptr, log.data());
    glDeleteProgram(program_);
    throw std::runtime_error("shaders " + vertexName + " + " + fragmentName + " do not link:\n" + log);
  }
}

ShaderProgram::~ShaderProgram() { glDeleteProgram(program_); }

void ShaderProgram::use() const { glUseProgram(program_); }

int ShaderProgram::uniform(const std::string& name) {
  auto it = locations_.find(name);
  if (it != locations_.end()) return it->second;
  int location = glGetUniformLocation(program_, name.c_str());
  locations_.emplace(name, location);
  return location;
}

void ShaderProgram::set(const std::string& name, int value) { glUniform1i(uniform(name), value); }
void ShaderProgram::set(const std::string& name, float value) { glUniform1f(uniform(name), value); }
void ShaderProgram::set(const std::string& name, const glm::vec2& v) {
  glUniform2fv(uniform(name), 1, glm::value_ptr(v));
}
void ShaderProgram::set(const std::string& name, const glm::vec3& v) {
  glUniform3fv(uniform(name), 1, glm::value_ptr(v));
}
void ShaderProgram::set(const std::string& name, const glm::vec4& v) {
  glUniform4fv(uniform(name), 1, glm::value_ptr(v));
}
void ShaderProgram::set(const std::string& name, const glm::mat4& m) {
  glUniformMatrix4fv(uniform(name), 1, GL_FALSE, glm::value_ptr(m));
}

}  // namespace convoscope
