/* minimal_exec: the least a program can do and still speak
 * adapters/PROTOCOL.md (version 1), for measuring what the harness itself
 * costs per `exec:` call, with next to nothing behind the pipe.
 *
 * It implements no peerdist.h function: every `call` is answered `ret 120`
 * (ERROR_CALL_NOT_IMPLEMENTED, which PROTOCOL.md allows for a function a
 * program does not implement), `mem` is ignored, `reset`, `status-changed`
 * and `fire` are answered `done`. It never sends a request. So it violates
 * most rules; the rules it holds (no-crash, no-hang, buffer-bounds: it never
 * crashes, hangs or writes a buffer) still run every generated scenario
 * through it, and that is what //bench:impl_speed_bench runs it with.
 *
 * Input is read in large chunks and answers are buffered until the program
 * would wait for input: one read and one write per exchange, the fewest
 * system calls a line protocol allows. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { kMaxLine = 65536 + 1 };

static char in_buf[4 * kMaxLine];
static size_t in_start, in_end;
static char out_buf[1 << 16];
static size_t out_len;

static void flush_out(void) {
  size_t done = 0;
  while (done < out_len) {
    ssize_t put = write(STDOUT_FILENO, out_buf + done, out_len - done);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) exit(0); /* the harness is gone */
    done += (size_t)put;
  }
  out_len = 0;
}

static void say(const char* line) {
  size_t n = strlen(line);
  if (out_len + n + 1 > sizeof out_buf) flush_out();
  memcpy(out_buf + out_len, line, n);
  out_buf[out_len + n] = '\n';
  out_len += n + 1;
}

/* The next line, without its '\n', or NULL at the end of input. Answers
 * buffered so far go out before the program waits for more input. */
static char* next_line(void) {
  for (;;) {
    char* newline = memchr(in_buf + in_start, '\n', in_end - in_start);
    if (newline != NULL) {
      char* line = in_buf + in_start;
      *newline = '\0';
      in_start = (size_t)(newline - in_buf) + 1;
      return line;
    }
    if (in_start > 0) {
      memmove(in_buf, in_buf + in_start, in_end - in_start);
      in_end -= in_start;
      in_start = 0;
    }
    if (in_end == sizeof in_buf) {
      fprintf(stderr, "minimal_exec: a line longer than the protocol allows\n");
      exit(2);
    }
    flush_out();
    ssize_t got = read(STDIN_FILENO, in_buf + in_end, sizeof in_buf - in_end);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return NULL;
    in_end += (size_t)got;
  }
}

static int verb_is(const char* line, const char* verb) {
  size_t n = strlen(verb);
  return strncmp(line, verb, n) == 0 && (line[n] == ' ' || line[n] == '\0');
}

int main(void) {
  char* line;
  while ((line = next_line()) != NULL) {
    if (verb_is(line, "mem")) continue;
    if (verb_is(line, "call")) {
      say("ret 120");
    } else if (verb_is(line, "reset") || verb_is(line, "status-changed") || verb_is(line, "fire")) {
      say("done");
    } else if (verb_is(line, "hello")) {
      say("hello 1"); /* its own version: the harness refuses it if it speaks another */
    } else {
      fprintf(stderr, "minimal_exec: unexpected line: %s\n", line);
      return 2;
    }
  }
  flush_out();
  return 0;
}
