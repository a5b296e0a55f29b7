#include "compile/builtin_facts.hpp"

#include <array>
#include <string>

namespace redress::detail {

template <typename E>
const expr::EnumType& enum_type() {
  static const expr::EnumType type = [] {
    expr::EnumType t;
    t.name = std::string(EnumNames<E>::type_name);
    for (auto name : enum_names<E>()) t.values.emplace_back(name);
    return t;
  }();
  return type;
}

template const expr::EnumType& enum_type<FailureType>();
template const expr::EnumType& enum_type<Magnitude>();
template const expr::EnumType& enum_type<Locus>();
template const expr::EnumType& enum_type<Stability>();
template const expr::EnumType& enum_type<Controllability>();
template const expr::EnumType& enum_type<Emotion>();
template const expr::EnumType& enum_type<Motive>();
template const expr::EnumType& enum_type<Justice>();
template const expr::EnumType& enum_type<Tier>();
template const expr::EnumType& enum_type<Channel>();
template const expr::EnumType& enum_type<RecoveryOutcome>();

std::span<const BuiltinFact> builtin_facts() {
  using expr::Type;
  static const std::array facts = {
      BuiltinFact{"category", Type::category(), "the failure category (taxonomy id)"},
      BuiltinFact{"failure_type", Type::enumeration_of(enum_type<FailureType>()),
                  "outcome or process failure"},
      BuiltinFact{"magnitude", Type::enumeration_of(enum_type<Magnitude>()), "how bad"},
      BuiltinFact{"loss", Type::money(), "money lost or at stake"},
      BuiltinFact{"locus", Type::enumeration_of(enum_type<Locus>()), "who caused the failure"},
      BuiltinFact{"stability", Type::enumeration_of(enum_type<Stability>()),
                  "one-off or recurring"},
      BuiltinFact{"controllability", Type::enumeration_of(enum_type<Controllability>()),
                  "could the firm have prevented it"},
      BuiltinFact{"safety_critical", Type::boolean(), "a safety risk is involved"},
      BuiltinFact{"affected_count", Type::integer(), "customers hit by the same failure"},
      BuiltinFact{"touchpoint", Type::string(), "blueprint step where it failed"},
      BuiltinFact{"emotion", Type::enumeration_of(enum_type<Emotion>()), "the customer's state"},
      BuiltinFact{"intensity", Type::integer(), "emotion intensity, 1 to 5"},
      BuiltinFact{"motives", Type::set_of(enum_type<Motive>()), "why the customer complains"},
      BuiltinFact{"deficits", Type::set_of(enum_type<Justice>()),
                  "justice dimensions the customer says were missing"},
      BuiltinFact{"tier", Type::enumeration_of(enum_type<Tier>()), "customer value tier"},
      BuiltinFact{"channel", Type::enumeration_of(enum_type<Channel>()), "complaint channel"},
      BuiltinFact{"prior_failures", Type::integer(), "failures in the look-back window"},
      BuiltinFact{"last_failure_days_ago", Type::integer(), "days since the last failure"},
      BuiltinFact{"last_failure_same_category", Type::boolean(), "last failure was similar"},
      BuiltinFact{"last_recovery_outcome", Type::enumeration_of(enum_type<RecoveryOutcome>()),
                  "how the last recovery ended"},
      BuiltinFact{"open_complaints", Type::integer(), "complaints still open"},
      BuiltinFact{"reopen_count", Type::integer(), "times this case was reopened"},
      BuiltinFact{"compensation_given", Type::money(), "goodwill given in the window"},
      BuiltinFact{"external_complaint", Type::boolean(), "regulator, media or social complaint"},
      BuiltinFact{"priority", Type::integer(), "derived: 1 is the most urgent"},
  };
  return facts;
}

}  // namespace redress::detail
