# discloop: virtual CD/DVD/BD drives backed by image files, and a ripper.
#
#   make                 build kmod/discloop.ko (for KVER, by default the
#                        running kernel) and userspace/discloop
#   make check           unit tests, host checks, then the VM suite's gate on
#                        every installed kernel
#   make check-long      the VM suite's long tier (soak, drives at full count),
#                        then make check-systemd's test
#   make check-systemd   the .debs installed with dpkg -i in a guest booted with
#                        systemd as PID 1: boot, users, desktop, auto-attach,
#                        purge (tests/vm/systemd-run)
#   make check-debug     the VM suite under a KASAN/lockdep/kmemleak kernel built once
#                        per machine (tests/vm/debug-kernel; not run by CI)
#   make demo            boot a VM, attach a sample image, mount, rip, verify
#   make bench           benchmarks against loop, dd, sg_dd and ddrescue
#   make install         install the module, the tool, its man pages and
#                        completion, the udev rules, the systemd unit and the
#                        modules-load.d file; `make uninstall` removes them
#   make install-dkms-src  copy the module's sources to /usr/src for DKMS
#   make dkms-add        install-dkms-src, then `dkms add` them
#   make C=1             run sparse over the module
#   make deps-build      install what building needs (scripts/deps.sh --build;
#                        make check installs the test set itself)
#
# Every install target honours DESTDIR (staging) and PREFIX (default
# /usr/local; Debian's packaging passes PREFIX=/usr). The module goes under
# $(DESTDIR)/lib/modules/$(KVER)/extra; depmod runs only for a live install
# (empty DESTDIR). The udev, systemd and modules-load.d directories are the
# ones those programs read, whatever PREFIX is: by default they come from
# pkg-config (udev.pc, systemd.pc).

VERSION := $(shell cat $(CURDIR)/VERSION)

KVER ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KVER)/build
PKG_CONFIG ?= pkg-config

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/discloop
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
SYSCONFDIR ?= /etc
pc_var = $(or $(shell $(PKG_CONFIG) --variable=$(1) $(2) 2>/dev/null),$(3))
UDEVDIR ?= $(call pc_var,udevdir,udev,/lib/udev)
SYSTEMDUNITDIR ?= $(call pc_var,systemdsystemunitdir,systemd,/lib/systemd/system)
MODULESLOADDIR ?= $(call pc_var,modulesloaddir,systemd,/usr/lib/modules-load.d)
DKMSSRCDIR ?= /usr/src/discloop-$(VERSION)
MODDIR = /lib/modules/$(KVER)/extra/kmod
INSTALL ?= install

# The files install-dkms-src copies: the module's sources and nothing built.
DKMS_SRC = Kbuild VERSION dkms.conf $(wildcard kmod/*.c kmod/*.h) kmod/Kbuild \
	$(wildcard common/*.c common/*.h) include/uapi/linux/discloop.h

MAN1 = discloop.1 discloop-rip.1 discloop-verify.1
GENERATED = dkms.conf $(addprefix userspace/man/,$(MAN1)) \
	udev-rules/61-discloop-autoattach.rules systemd/discloop-autoattach@.service

all: module tool

module:
	@test -d "$(KDIR)" || { \
		echo "discloop: no kernel headers for kernel $(KVER) (no $(KDIR))." >&2; \
		echo "  Install linux-headers-$(KVER), or build for another kernel with" >&2; \
		echo "  make KVER=<version> or make KDIR=<kernel build directory>." >&2; \
		exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tool:
	$(MAKE) -C userspace

# Files made from a .in template: @VERSION@ from VERSION, @BINDIR@ and
# @SYSCONFDIR@ from the install directories.
$(GENERATED): %: %.in VERSION
	sed -e 's|@VERSION@|$(VERSION)|g' -e 's|@BINDIR@|$(BINDIR)|g' \
		-e 's|@SYSCONFDIR@|$(SYSCONFDIR)|g' $< >$@.tmp && mv $@.tmp $@

# BINDIR is written into the rule and the unit: remake them when it changes.
.bindir: FORCE
	@echo '$(BINDIR) $(SYSCONFDIR)' | cmp -s - $@ || echo '$(BINDIR) $(SYSCONFDIR)' >$@
udev-rules/61-discloop-autoattach.rules systemd/discloop-autoattach@.service: .bindir

man: $(addprefix userspace/man/,$(MAN1))
generated: $(GENERATED)

unit:
	$(MAKE) -C tests/unit run

deps:
	@sh scripts/deps.sh --test

deps-build:
	@sh scripts/deps.sh --build

testprogs:
	@$(MAKE) -s -C tests/vm
	@$(MAKE) -s -C tests/fuzz

check: deps tool testprogs generated
	@./tests/check

check-long: deps tool testprogs generated
	@sh scripts/deps.sh --rt
	@./tests/check --long

# The gate tier on Debian's PREEMPT_RT kernel (also part of check-long).
check-rt: deps tool testprogs generated
	@sh scripts/deps.sh --rt
	@start=$$(date +%s); ./tests/vm/run --rt; rc=$$?; \
	 cat "$${DL_VM_STATE:-build/vm}/summary"; \
	 echo "== make check-rt: the VM suite took $$(( $$(date +%s) - start )) s wall"; exit $$rc

check-debug: deps tool testprogs generated
	@sh scripts/deps.sh --debug
	@./tests/vm/debug-kernel >/dev/null
	@start=$$(date +%s); ./tests/vm/run --debug; rc=$$?; \
	 cat "$${DL_VM_STATE:-build/vm}/summary"; \
	 echo "== make check-debug: the VM suite took $$(( $$(date +%s) - start )) s wall"; exit $$rc

check-systemd: deps
	@./tests/vm/systemd-run

demo: deps tool
	./tests/vm/run --demo

bench: deps tool testprogs
	./bench/run

install: install-module install-userspace

install-module: module
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_PATH=$(DESTDIR) \
		INSTALL_MOD_DIR=extra DEPMOD=true CONFIG_MODULE_SIG_ALL= modules_install
	@if [ -z "$(DESTDIR)" ]; then echo "depmod -a $(KVER)"; depmod -a $(KVER); fi

# Everything but the module: what the discloop package ships.
install-userspace: install-tool install-system

install-tool: tool man
	$(INSTALL) -D -m 0755 userspace/discloop $(DESTDIR)$(BINDIR)/discloop
	$(INSTALL) -d $(DESTDIR)$(MANDIR)/man1
	$(INSTALL) -m 0644 $(addprefix userspace/man/,$(MAN1)) $(DESTDIR)$(MANDIR)/man1/
	$(INSTALL) -D -m 0644 userspace/bash-completion/discloop $(DESTDIR)$(BASHCOMPDIR)/discloop

install-system: udev-rules/61-discloop-autoattach.rules systemd/discloop-autoattach@.service
	$(INSTALL) -d $(DESTDIR)$(UDEVDIR)/rules.d
	$(INSTALL) -m 0644 udev-rules/60-discloop.rules udev-rules/61-discloop-autoattach.rules \
		$(DESTDIR)$(UDEVDIR)/rules.d/
	$(INSTALL) -D -m 0644 systemd/discloop-autoattach@.service \
		$(DESTDIR)$(SYSTEMDUNITDIR)/discloop-autoattach@.service
	$(INSTALL) -D -m 0644 systemd/discloop.conf $(DESTDIR)$(MODULESLOADDIR)/discloop.conf
	@# The administrator's file is never overwritten.
	@if [ ! -e $(DESTDIR)$(SYSCONFDIR)/discloop/autoattach.conf ]; then \
		echo "$(INSTALL) -D -m 0644 systemd/autoattach.conf $(DESTDIR)$(SYSCONFDIR)/discloop/autoattach.conf"; \
		$(INSTALL) -D -m 0644 systemd/autoattach.conf $(DESTDIR)$(SYSCONFDIR)/discloop/autoattach.conf; \
	fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/discloop $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(MAN1)) \
		$(DESTDIR)$(BASHCOMPDIR)/discloop \
		$(DESTDIR)$(UDEVDIR)/rules.d/60-discloop.rules \
		$(DESTDIR)$(UDEVDIR)/rules.d/61-discloop-autoattach.rules \
		$(DESTDIR)$(SYSTEMDUNITDIR)/discloop-autoattach@.service \
		$(DESTDIR)$(MODULESLOADDIR)/discloop.conf \
		$(DESTDIR)$(MODDIR)/discloop.ko $(DESTDIR)$(MODDIR)/discloop.ko.xz \
		$(DESTDIR)$(MODDIR)/discloop.ko.gz $(DESTDIR)$(MODDIR)/discloop.ko.zst
	@# The administrator's file goes only if it is still the shipped one.
	@if cmp -s systemd/autoattach.conf $(DESTDIR)$(SYSCONFDIR)/discloop/autoattach.conf; then \
		echo "rm -f $(DESTDIR)$(SYSCONFDIR)/discloop/autoattach.conf"; \
		rm -f $(DESTDIR)$(SYSCONFDIR)/discloop/autoattach.conf; \
		rmdir $(DESTDIR)$(SYSCONFDIR)/discloop 2>/dev/null || true; \
	fi
	@if [ -z "$(DESTDIR)" ] && [ -d /lib/modules/$(KVER) ]; then \
		echo "depmod -a $(KVER)"; depmod -a $(KVER); fi

install-dkms-src: dkms.conf
	@for f in $(DKMS_SRC); do \
		$(INSTALL) -D -m 0644 $$f $(DESTDIR)$(DKMSSRCDIR)/$$f || exit 1; done

dkms-add: install-dkms-src
	dkms add discloop/$(VERSION)

dkms-remove:
	dkms remove discloop/$(VERSION) --all
	rm -rf $(DESTDIR)$(DKMSSRCDIR)

clean:
	if [ -d "$(KDIR)" ]; then $(MAKE) -C $(KDIR) M=$(CURDIR) clean; fi
	@# What kbuild leaves, also when KDIR is gone or was another kernel's.
	rm -f Module.symvers modules.order .Module.symvers.cmd .modules.order.cmd \
		.module-common.o ..module-common.o.cmd kmod/*.o kmod/*.ko kmod/*.ko.* \
		kmod/*.mod kmod/*.mod.c kmod/.*.cmd kmod/modules.order
	$(MAKE) -C userspace clean
	$(MAKE) -C tests/unit clean
	$(MAKE) -C tests/vm clean
	$(MAKE) -C tests/fuzz clean
	rm -rf build .bindir $(GENERATED)

FORCE:
.PHONY: all module tool man generated unit deps deps-build testprogs check check-long check-rt \
	demo bench install install-module install-userspace install-tool install-system \
	uninstall install-dkms-src dkms-add dkms-remove clean check-debug check-systemd FORCE
