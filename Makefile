# mtrack: a market tracker. Plain make + pkg-config; see README.md.
#
#   make            build build/mtrack
#   make run        install what building and running need, build, run on samples/
#   make test       install that and what the tests use, build, run the whole
#                   suite, then again under AddressSanitizer + UBSan
#   make fuzz-NAME  build and run fuzz/fuzz_NAME.c under libFuzzer
#   make bench      run the benchmarks in bench/

PKGS    := sqlite3 libxml-2.0 libcurl libutf8proc jansson libxxhash libpcre2-8 libmicrohttpd libcrypto libpq
BUILD   ?= build
SAN     ?=
CC      ?= cc
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
CFLAGS  += -std=c17 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter -Isrc -MMD -MP
CFLAGS  += $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libcurl, libmicrohttpd and libcrypto are loaded when first used
# (src/fetch/lazylib.c): linked, they and their dependencies cost every
# command ~25 ms at start-up. libpq likewise, when the first postgresql://
# store is opened (src/store/pq_lazy.c).
LAZY    := libcurl libmicrohttpd libcrypto libpq
LDLIBS  += $(shell pkg-config --libs $(filter-out $(LAZY),$(PKGS)) 2>/dev/null) -ldl -lm -lpthread
soname   = $(shell objdump -p "$$(pkg-config --variable=libdir $(1))/$(2)" 2>/dev/null | awk '/SONAME/ { print $$2 }')
CURL_SONAME := $(call soname,libcurl,libcurl.so)
MHD_SONAME  := $(call soname,libmicrohttpd,libmicrohttpd.so)
CRYPTO_SONAME := $(call soname,libcrypto,libcrypto.so)
PQ_SONAME   := $(call soname,libpq,libpq.so)
CFLAGS  += $(if $(CURL_SONAME),-DCURL_SONAME='"$(CURL_SONAME)"') $(if $(MHD_SONAME),-DMHD_SONAME='"$(MHD_SONAME)"') \
           $(if $(CRYPTO_SONAME),-DCRYPTO_SONAME='"$(CRYPTO_SONAME)"') $(if $(PQ_SONAME),-DPQ_SONAME='"$(PQ_SONAME)"')
ifneq ($(SAN),)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif

LIB_SRCS  := $(sort $(wildcard src/*/*.c))
DATA      := $(sort $(wildcard data/*))
LIB_OBJS  := $(LIB_SRCS:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/data.o
MAIN_OBJ  := $(BUILD)/obj/main.o
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRCS := $(sort $(wildcard fuzz/fuzz_*.c))

.PHONY: all deps deps-test deps-bench run test check unit clean bench fuzz-build
all: $(BUILD)/mtrack

# scripts/install-deps: what running needs; --test adds what the suite
# uses, --bench the tools the benchmarks compare with.
deps:
	@scripts/install-deps
deps-test:
	@scripts/install-deps --test
deps-bench:
	@scripts/install-deps --bench

$(BUILD)/mtrack: $(MAIN_OBJ) $(BUILD)/libmtrack.a
	$(CC) $(LDFLAGS) -o $@ $(MAIN_OBJ) $(BUILD)/libmtrack.a $(LDLIBS)

$(BUILD)/libmtrack.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $(LIB_OBJS)

# data/ is compiled into the program (src/util/embed.h).
$(BUILD)/gen/data.c: $(DATA) scripts/embed-data
	@mkdir -p $(dir $@)
	scripts/embed-data $@ $(DATA)

$(BUILD)/obj/gen/data.o: $(BUILD)/gen/data.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libmtrack.a tests/unit/check.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(BUILD)/libmtrack.a $(LDLIBS)

unit: $(UNIT_BINS)

# The two commands of the README's Quick start.
run: deps
	@$(MAKE) --no-print-directory all
	@scripts/run-samples

test: deps-test
	@scripts/test-all

check: test

# libFuzzer targets: make fuzz-feed runs fuzz/fuzz_feed.c (FUZZ_TIME seconds).
FUZZ_TIME ?= 60
FUZZ_CFLAGS = -std=c17 -D_GNU_SOURCE -g -O1 -Isrc -fsanitize=fuzzer,address,undefined $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
FUZZ_SRCS_LIB := $(filter-out src/cli/%,$(LIB_SRCS))
build/fuzz/fuzz_%: fuzz/fuzz_%.c $(FUZZ_SRCS_LIB) build/gen/data.c
	@mkdir -p build/fuzz
	clang $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_SRCS_LIB) build/gen/data.c $(LDLIBS)
fuzz-build: $(FUZZ_SRCS:fuzz/%.c=build/fuzz/%)
fuzz-%: build/fuzz/fuzz_%
	@mkdir -p build/fuzz/corpus-$*
	$< -max_total_time=$(FUZZ_TIME) -timeout=10 -rss_limit_mb=2048 build/fuzz/corpus-$* fuzz/corpus/$*

bench: deps-bench all
	@for b in bench/bench-*.sh; do echo "== $$b"; sh $$b || exit 1; done

clean:
	rm -rf build out

-include $(LIB_OBJS:.o=.d) $(MAIN_OBJ:.o=.d)
