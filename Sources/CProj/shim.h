#ifndef INCIDENTMAP_CPROJ_SHIM_H
#define INCIDENTMAP_CPROJ_SHIM_H
// PROJ's implementation of Karney's geodesic algorithms (Debian libproj-dev): the types and
// declarations only. The library is not linked; Geodesic.swift opens it on first use.
#include <geodesic.h>
#include <dlfcn.h>
#endif
