#include "core/AttackOptions.h"

#include <cmath>

#include "core/Errors.h"
#include "core/TextFormat.h"

namespace convoscope {

const char* attackMethodName(AttackMethod method) { return method == AttackMethod::Pgd ? "pgd" : "fgsm"; }

AttackMethod parseAttackMethod(const std::string& name) {
  if (name == "fgsm") return AttackMethod::Fgsm;
  if (name == "pgd") return AttackMethod::Pgd;
  throw InputError("unknown attack method '" + name + "'; choose fgsm or pgd");
}

void checkAttackOptions(const AttackOptions& o, int classes) {
  if (classes < 2) throw InputError("an attack needs a model with two classes or more (this one has " +
                                    std::to_string(classes) + ")");
  if (!(o.epsilon >= 0 && o.epsilon <= 1))
    throw InputError("epsilon must be between 0 and 1 (pixel values are 0..1), not " + plainNumber(o.epsilon));
  if (o.alpha < 0 || !std::isfinite(o.alpha)) throw InputError("alpha must be positive (0: 2.5 epsilon / steps)");
  if (o.steps < 1) throw InputError("steps must be at least 1");
  if (o.target && (*o.target < 0 || *o.target >= classes))
    throw InputError("target class " + std::to_string(*o.target) + " is out of range; the model has " +
                     std::to_string(classes) + " classes (0.." + std::to_string(classes - 1) + ")");
}

}  // namespace convoscope
