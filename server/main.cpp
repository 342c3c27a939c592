// heliosdb-lite: the command-line entry point. Everything it does lives in
// server/cli.cpp, where each subcommand is registered.
#include <iostream>

#include "server/cli.hpp"

int main(int argc, char** argv) { return heliosdb::server::run_cli(argc, argv, std::cout, std::cerr); }
