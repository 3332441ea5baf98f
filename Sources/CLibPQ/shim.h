#ifndef INCIDENTMAP_CLIBPQ_SHIM_H
#define INCIDENTMAP_CLIBPQ_SHIM_H
// libpq, PostgreSQL's own client library (Debian libpq-dev), for the PostGIS store. It reads
// the connection URL, libpq's PG* environment variables, ~/.pgpass and pg_service.conf itself.
#include <libpq-fe.h>
#endif
