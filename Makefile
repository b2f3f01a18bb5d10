# discloop: virtual CD/DVD/BD drives backed by image files, and a ripper.
#
#   make                 build kmod/discloop.ko (against KDIR) and userspace/discloop
#   make check           unit tests, then the VM suite's gate on every installed kernel
#   make check-long      the VM suite's long tier (soak, drives at full count)
#   make check-debug     the VM suite under a KASAN/lockdep/kmemleak kernel built once
#                        per machine (tests/vm/debug-kernel; not run by CI)
#   make demo            boot a VM, attach a sample image, mount, rip, verify
#   make bench           benchmarks against loop, dd, sg_dd and ddrescue
#   make install         install module, tool, udev rules, man pages
#   make C=1             run sparse over the module

KVER ?= $(shell uname -r)
KDIR ?= $(firstword $(wildcard /lib/modules/$(KVER)/build) \
	$(shell ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n 1))
PREFIX ?= /usr
DESTDIR ?=
UDEVDIR ?= /lib/udev
VERSION := $(shell cat VERSION)

all: module tool

module:
	@test -n "$(KDIR)" || { echo "no kernel headers found: install linux-headers-$(KVER) or set KDIR" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tool:
	$(MAKE) -C userspace

unit:
	$(MAKE) -C tests/unit run

deps:
	@sh scripts/deps.sh

testprogs:
	@$(MAKE) -s -C tests/vm
	@$(MAKE) -s -C tests/fuzz

check: deps tool testprogs
	@./tests/check

check-long: deps tool testprogs
	@./tests/check --long

check-debug: deps tool testprogs
	@sh scripts/deps.sh debug
	@./tests/vm/debug-kernel >/dev/null
	@start=$$(date +%s); ./tests/vm/run --debug; rc=$$?; \
	 cat "$${DL_VM_STATE:-build/vm}/summary"; \
	 echo "== make check-debug: the VM suite took $$(( $$(date +%s) - start )) s wall"; exit $$rc

demo: deps tool
	./tests/vm/run --demo

bench: deps tool testprogs
	./bench/run

install: all
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install
	depmod -a $(notdir $(patsubst %/build,%,$(KDIR))) || true
	$(MAKE) -C userspace install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)
	install -D -m 0644 udev-rules/60-discloop.rules $(DESTDIR)$(UDEVDIR)/rules.d/60-discloop.rules
	sed 's|@SBINDIR@|$(PREFIX)/sbin|g' udev-rules/61-discloop-autoattach.rules >$(DESTDIR)$(UDEVDIR)/rules.d/61-discloop-autoattach.rules
	install -D -m 0644 include/uapi/linux/discloop.h $(DESTDIR)$(PREFIX)/include/linux/discloop.h

dkms-add:
	mkdir -p $(DESTDIR)/usr/src/discloop-$(VERSION)
	cp -a Kbuild dkms.conf kmod common include $(DESTDIR)/usr/src/discloop-$(VERSION)/
	dkms add discloop/$(VERSION)

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null
	$(MAKE) -C userspace clean
	$(MAKE) -C tests/unit clean
	$(MAKE) -C tests/vm clean
	$(MAKE) -C tests/fuzz clean
	rm -rf build

.PHONY: all module tool unit deps testprogs check check-long check-debug demo bench install dkms-add clean
