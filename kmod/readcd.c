// SPDX-License-Identifier: GPL-2.0
/* Build the shared READ CD layout code (common/readcd.c) into the module. */
#include "../common/readcd.c"
