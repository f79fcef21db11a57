#!/usr/bin/env bash
# check-no-binaries.sh: fails when a file tracked by git is a built binary,
# which would ship in every module zip:
#   - an executable or object file, by its magic number: ELF, Mach-O (32 and
#     64 bit, either byte order, and universal), PE (MZ with a PE header);
#   - any other binary file (a NUL byte in its first 8000 bytes, git's own
#     test), unless its name matches the allow-list below (images).
# It reads the index (what the next commit holds), so it checks a working
# tree with staged changes as well as a fresh clone. CI runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

# Binary files that may be tracked: Perl regexps on the path.
allowed='\.(png|jpe?g|gif|ico|webp)$'

# Every staged blob (submodules excepted), its path and content read in one
# pass through git cat-file --batch.
list=$(mktemp)
trap 'rm -f "$list"' EXIT
git ls-files -s -z | perl -0 -ne 'print "$1\t$2\0" if /^(?!160000)\d+ ([0-9a-f]+) \d\t(.*)\0$/s' >"$list"
perl -0 -ne 'print((split /\t/)[0], "\n")' "$list" |
	git cat-file --batch |
	ALLOWED=$allowed LIST=$list perl -e '
	open(my $list, "<", $ENV{LIST}) or die "check-no-binaries: $!\n";
	local $/ = "\0";
	my @paths = map { chomp; (split /\t/, $_, 2)[1] } <$list>;
	binmode STDIN;
	my $bad = 0;
	for my $path (@paths) {
		local $/ = "\n";
		my $header = <STDIN>;
		die "check-no-binaries: git cat-file: $header" unless $header =~ /^\S+ blob (\d+)$/;
		my $size = $1;
		my $data = "";
		read(STDIN, $data, $size) == $size or die "check-no-binaries: short read of $path\n";
		<STDIN>; # the newline after the content
		my $kind = "";
		if ($data =~ /\A\x7fELF/) {
			$kind = "ELF executable or object";
		} elsif ($data =~ /\A(?:\xfe\xed\xfa[\xce\xcf]|[\xce\xcf]\xfa\xed\xfe)/) {
			$kind = "Mach-O executable or object";
		} elsif ($data =~ /\A(?:\xca\xfe\xba\xbe|\xbe\xba\xfe\xca)/) {
			$kind = "Mach-O universal binary (or Java class file)";
		} elsif ($data =~ /\AMZ/ && length($data) >= 64) {
			my $off = unpack("V", substr($data, 60, 4));
			$kind = "PE (Windows) executable" if $off + 4 <= length($data) && substr($data, $off, 4) eq "PE\0\0";
		}
		if ($kind ne "") {
			print STDERR "check-no-binaries: $path is a tracked $kind: git rm --cached it and ignore it\n";
			$bad = 1;
		} elsif (index(substr($data, 0, 8000), "\0") >= 0 && $path !~ /$ENV{ALLOWED}/) {
			print STDERR "check-no-binaries: $path is a tracked binary file: remove it, or allow its kind in scripts/check-no-binaries.sh\n";
			$bad = 1;
		}
	}
	if ($bad) {
		print STDERR "check-no-binaries: FAIL\n";
		exit 1;
	}
	printf "check-no-binaries: ok (%d tracked files, no executable or unexpected binary)\n", scalar @paths;
'
