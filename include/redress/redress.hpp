// The redress C++ API in one include: load a policy, decide incidents, write decisions.
#pragma once

#include "redress/compile/compiled_policy.hpp"
#include "redress/compile/compiler.hpp"
#include "redress/diag/diagnostic.hpp"
#include "redress/engine/decide.hpp"
#include "redress/io/decision_writer.hpp"
#include "redress/io/incident_reader.hpp"
#include "redress/io/incident_schema.hpp"
#include "redress/io/load_policy.hpp"
#include "redress/io/read_file.hpp"
#include "redress/model/calendar.hpp"
#include "redress/model/decision.hpp"
#include "redress/model/enums.hpp"
#include "redress/model/fact_value.hpp"
#include "redress/model/incident.hpp"
#include "redress/model/money.hpp"
#include "redress/model/time.hpp"
