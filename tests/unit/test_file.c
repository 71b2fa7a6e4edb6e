/* file_write: a regular file replaced whole; anything else written to as it is. */
#include "check.h"
#include "util/file.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];

static void path_in(char *out, size_t n, const char *name)
{
    snprintf(out, n, "%s/%s", dir, name);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char b[4096];
    size_t n = fread(b, 1, sizeof b - 1, f);
    b[n] = '\0';
    fclose(f);
    return b;
}

static void regular_file_replaced(void)
{
    char p[128];
    path_in(p, sizeof p, "report.md");
    CHECK(file_write(p, "first version, longer\n", 22) == 0);
    CHECK(file_write(p, "second\n", 7) == 0);
    CHECK_STR(slurp(p), "second\n");
    char tmp[160];
    snprintf(tmp, sizeof tmp, "%s.tmp%ld", p, (long)getpid());
    CHECK(access(tmp, F_OK) != 0); /* no temporary left beside it */
}

/* -o /dev/null, or a named pipe: renaming a temporary over it made
 * /dev/null a regular file when mtrack ran as root. */
static void fifo_written_not_replaced(void)
{
    char p[128];
    path_in(p, sizeof p, "pipe");
    CHECK(mkfifo(p, 0600) == 0);
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t pid = fork();
    if (pid == 0) { /* the reader: copies what comes through the FIFO back up the pipe */
        close(fds[0]);
        int fd = open(p, O_RDONLY);
        char b[256];
        ssize_t n;
        while ((n = read(fd, b, sizeof b)) > 0)
            if (write(fds[1], b, (size_t)n) != n)
                _exit(1);
        _exit(0);
    }
    close(fds[1]);
    CHECK(file_write(p, "through the pipe\n", 17) == 0);
    struct stat s;
    CHECK(lstat(p, &s) == 0 && S_ISFIFO(s.st_mode));
    if (!S_ISFIFO(s.st_mode)) { /* replaced: the reader waits for a writer that never comes */
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        close(fds[0]);
        return;
    }
    char got[256] = {0};
    size_t have = 0;
    ssize_t n;
    while (have < sizeof got - 1 && (n = read(fds[0], got + have, sizeof got - 1 - have)) > 0)
        have += (size_t)n;
    close(fds[0]);
    int st;
    waitpid(pid, &st, 0);
    CHECK_STR(got, "through the pipe\n");
}

static void symlink_kept(void)
{
    char target[128], link[128];
    path_in(target, sizeof target, "real.html");
    path_in(link, sizeof link, "current.html");
    CHECK(file_write(target, "old\n", 4) == 0);
    CHECK(symlink(target, link) == 0);
    CHECK(file_write(link, "new\n", 4) == 0);
    struct stat s;
    CHECK(lstat(link, &s) == 0 && S_ISLNK(s.st_mode));
    CHECK_STR(slurp(target), "new\n");
}

static void directory_refused(void)
{
    errno = 0;
    CHECK(file_write(dir, "x", 1) < 0);
    CHECK(errno == EISDIR);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/mtrack-file.XXXXXX");
    if (!mkdtemp(dir)) {
        printf("FAIL setup: mkdtemp\n");
        return 1;
    }
    RUN(regular_file_replaced);
    RUN(fifo_written_not_replaced);
    RUN(symlink_kept);
    RUN(directory_refused);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    CHECK_DONE();
}
