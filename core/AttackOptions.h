#pragma once
// An adversarial attack's settings (engine/Adversarial.h runs it): plain C++, so the command line and the
// viewer can read and check them without opening the engine.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace convoscope {

enum class AttackMethod { Fgsm, Pgd };

const char* attackMethodName(AttackMethod method);     // "fgsm", "pgd"
AttackMethod parseAttackMethod(const std::string& name);  // throws InputError listing the methods

struct AttackOptions {
  AttackMethod method = AttackMethod::Fgsm;
  float epsilon = 8.f / 255;  // L∞ radius in pixel space, 0..1
  float alpha = 0;            // PGD step; 0: 2.5 ε / steps (Madry et al.)
  int steps = 10;             // PGD
  bool randomStart = false;   // PGD: start at a uniform random point of the ε ball
  uint64_t seed = 0;          // PGD's random start
  std::optional<int> target;  // targeted attack towards this class
  std::function<void(float)> progress;  // 0..1, from the computing thread
};

// Throws InputError for ε outside [0, 1], a negative α, steps < 1, a target out of range or fewer than two
// classes (a one-class loss has no gradient).
void checkAttackOptions(const AttackOptions& options, int classes);

}  // namespace convoscope
