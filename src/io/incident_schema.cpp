#include "redress/io/incident_schema.hpp"

namespace redress::io {
namespace {

HostFactInfo::Kind kind_of(expr::TypeKind kind) {
  switch (kind) {
    case expr::TypeKind::boolean:
      return HostFactInfo::Kind::boolean;
    case expr::TypeKind::integer:
      return HostFactInfo::Kind::integer;
    case expr::TypeKind::money:
      return HostFactInfo::Kind::money;
    case expr::TypeKind::enumeration:
      return HostFactInfo::Kind::enumeration;
    case expr::TypeKind::set:
      return HostFactInfo::Kind::set;
    case expr::TypeKind::string:
    case expr::TypeKind::category:
      return HostFactInfo::Kind::string;
  }
  return HostFactInfo::Kind::string;
}

}  // namespace

IncidentSchema incident_schema(const CompiledPolicy& policy) {
  IncidentSchema schema;
  schema.currency = policy.currency;
  for (const auto& node : policy.categories) schema.categories.push_back(node.id);
  for (const auto& fact : policy.facts) {
    if (fact.source != FactSource::host) continue;
    HostFactInfo info;
    info.name = fact.name;
    info.kind = kind_of(fact.type.kind);
    if (fact.type.enumeration) info.values = fact.type.enumeration->values;
    schema.host_facts.push_back(std::move(info));
  }
  return schema;
}

}  // namespace redress::io
