// Hard blocks (never runnable) and the false positives a substring blocklist would hit. Classification only:
// none of these commands is ever executed.
import { describe, expect, it } from "vitest";
import { shellPolicySuite } from "../fixtures/shell/workspace.js";

// biome-ignore format: a compact table is easier to review
const DENY: string[] = [
  // rm of / and ~ in every spelling
  "rm -rf /", "rm -rf /*", "rm -fr /", "rm -r -f /", "rm -R -f /", "rm -Rf /", "rm --recursive --force /",
  "rm -rf --no-preserve-root /", "rm --no-preserve-root -rf /", "rm --no-preserve-root /x", "rm -rf -- /",
  "rm -rf ~", "rm -rf ~/", "rm -rf ~/*", "rm -rf $HOME", 'rm -rf "$HOME"', "rm -rf ${HOME}", 'rm -rf "${HOME}/"',
  "rm -rf $HOME/*", "rm -rf //", "rm -rf /.", "rm -rf /etc", "rm -rf /usr/", "rm -r /home", "rm -rf ~root",
  "rm -rf / --verbose", "\\rm -rf /", "/bin/rm -rf /", "'rm' -rf /", "r''m -rf /", '"rm" -rf "/"', "rm -rf '/'",
  "rm -r -v -f /", "rm -rf /boot", "rm -rf /var/", "rm -rf /*/",
  // behind wrappers, chains, substitutions, nested shells
  "command rm -rf /", "env rm -rf /", "env FOO=1 rm -rf ~", "nice -n 10 rm -rf /", "timeout 10 rm -rf /",
  "timeout -s KILL 5 rm -rf /", "xargs rm -rf /", "nohup rm -rf / &", "ls && rm -rf /", "ls; rm -rf ~",
  "ls || rm -rf /", "ls | rm -rf /", "ls\nrm -rf /", "echo $(rm -rf /)", "cat \"$(rm -rf ~)\"", "echo `rm -rf /`",
  "(rm -rf /)", "{ rm -rf /; }", "f() { rm -rf /; }; f", "if true; then rm -rf /; fi", "for i in 1; do rm -rf ~; done",
  "bash -c 'rm -rf /'", "sh -c \"rm -rf /\"", "bash -lc 'rm -rf ~'", "zsh -c 'rm -rf /'", "eval 'rm -rf /'",
  "eval rm -rf /", "watch rm -rf /", "env -S 'rm -rf /'", "time rm -rf /", "stdbuf -o0 rm -rf /", "exec rm -rf /",
  "rm -rf / 2>/dev/null", "FOO=1 rm -rf /", "echo x | xargs -I{} rm -rf /", "bash -c \"bash -c 'rm -rf /'\"",
  // privilege escalation
  "sudo ls", "sudo -u root ls", "sudo rm x", "echo x | sudo tee /etc/hosts", "doas ls", "su", "su -", "su root -c ls",
  "pkexec ls", "run0 ls", "sudoedit /etc/hosts", "/usr/bin/sudo ls", "bash -c 'sudo ls'", "sh -c \"sudo rm x\"",
  "$(sudo ls)", "watch sudo ls", "env -S 'sudo ls'", "time sudo ls", "nice sudo ls", "xargs sudo ls", "exec sudo ls",
  "timeout 5 sudo ls", "ls; sudo reboot", "ls\nsudo ls", "s\\udo ls", "'sudo' ls",
  // disks and devices
  "mkfs.ext4 /dev/sda1", "mkfs /dev/sdb", "mkfs.vfat /dev/sdc1", "mke2fs /dev/sda", "mkswap /dev/sda2",
  "wipefs -a /dev/sda", "fdisk /dev/sda", "sfdisk /dev/sda", "parted /dev/sda", "dd if=/dev/zero of=/dev/sda",
  "dd if=/dev/urandom of=/dev/nvme0n1 bs=1M", "dd of=/dev/mmcblk0 if=x.img", "cat x > /dev/sda", "echo x >> /dev/sdb",
  "ls > /dev/nvme0n1", "cp image.iso /dev/sdb", "tee /dev/sda", "shred /dev/sda", "truncate -s 0 /dev/sda",
  // fork bombs
  ":(){ :|:& };:", "bomb() { bomb | bomb & }; bomb", ":(){ :|: & };:", "bomb() { bomb & bomb; }; bomb", "f() { f | f & }",
  // permissions on / and ~
  "chmod -R 777 /", "chmod 777 /", "chown -R user /", "chmod -R 000 ~", "chgrp -R x /etc", "chmod --recursive 777 /usr",
  "chown -R nobody:nogroup $HOME",
  // power
  "shutdown -h now", "shutdown now", "reboot", "halt", "poweroff", "init 0", "init 6", "telinit 0",
  "systemctl poweroff", "systemctl reboot", "systemctl halt", "kexec -e",
  // other mass destruction
  "kill -9 -1", "kill -KILL -1", "find / -delete", "find ~ -name x -delete", "find / -exec rm -rf {} +", "find / -type f -execdir /bin/rm {} \\;", "mv / /tmp/x", "mv ~ /tmp/x",
  "mv /* /tmp/",
];

// Must not be hard-blocked (some ask, some are auto): the reference's substring list blocked several of these.
// biome-ignore format: a compact table is easier to review
const NOT_DENIED: Array<[string, "auto" | "ask"]> = [
  ["echo jiu-jitsu is fun", "auto"], ["grep sudoers notes.txt", "auto"], ["rm -rf ./build", "ask"], ["rm -rf build", "ask"],
  ["rm -rf /tmp/protoagent-build", "ask"], ["rm -rf node_modules", "ask"], ['echo "rm -rf /"', "auto"],
  ["grep -rn sudo src", "auto"], ["cat sudo.txt", "auto"], ['git commit -m "fix sudo docs"', "ask"],
  ["echo shutdown", "auto"], ["which sudo", "auto"], ["man sudo", "ask"], ["rm -rf ~/projects/old", "ask"],
  ["dd if=in.img of=out.img", "ask"], ["mkdir mkfs", "ask"], ["echo ':(){ :|:& };:'", "auto"], ["kill -1 1234", "ask"], ["f() { [ $1 -gt 0 ] && f $(($1 - 1)); }; f 3", "ask"], ["find / -name x -exec cat {} +", "ask"],
  ["systemctl status nginx", "ask"], ["cat /dev/sda", "ask"], ["find . -delete", "ask"], ["chmod -R 755 build", "ask"],
  ["echo su", "auto"], ["sudoku", "ask"], ["grep 'rm -rf /' notes.txt", "auto"], ["rm -r src/old", "ask"],
  ["rm -rf /tmp/x/*", "ask"], ["chmod 777 build", "ask"], ["git rm -r --cached build", "ask"], ["echo reboot", "auto"],
  ["printf 'sudo %s' x", "auto"], ["rm -rf $BUILD_DIR", "ask"], ["ls /etc", "ask"], ["find / -name x", "ask"],
];

const { classify } = shellPolicySuite();

describe("shell policy: hard blocks", () => {
  it.each(DENY)("deny: %s", (command) => {
    const verdict = classify(command);
    expect(verdict, verdict.reason).toMatchObject({ decision: "deny" });
    expect(verdict.reason).toMatch(/^Blocked: /);
  });
});

describe("shell policy: no false positives on lookalikes", () => {
  it.each(NOT_DENIED)("%s → %s", (command, expected) => {
    const verdict = classify(command);
    expect(verdict, verdict.reason).toMatchObject({ decision: expected });
  });
});
