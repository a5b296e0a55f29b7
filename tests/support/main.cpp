// The single Catch2 main for redress_tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
