"""Certificates for the TLS tests, made at test time: a CA and a certificate
for localhost / 127.0.0.1 that it signed (for servers and, in the
client-certificate test, for clients).

With the `openssl` command where there is one, else with the `cryptography`
package. Where neither exists (the Windows CPython under Wine), a directory
made beforehand by `python tests/tlscerts.py DIR` on the host is named by
the environment variable PYSOCK_TEST_CERTS.

Files: ca.pem, cert.pem, key.pem.
"""
import datetime
import os
import shutil
import subprocess
import sys

NAMES = ("ca.pem", "cert.pem", "key.pem")
_EXTENSIONS = """\
subjectAltName = DNS:localhost, IP:127.0.0.1
basicConstraints = critical, CA:FALSE
extendedKeyUsage = serverAuth, clientAuth
"""


def _with_openssl(openssl, folder):
    def run(*args):
        subprocess.run([openssl, *args], cwd=folder, check=True, capture_output=True)

    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    run("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "3",
        "-subj", "/CN=pysock test CA", "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    run("req", *ec, "-keyout", "key.pem", "-out", "cert.csr", "-subj", "/CN=localhost")
    with open(os.path.join(folder, "ext.cnf"), "w") as f:
        f.write(_EXTENSIONS)
    run("x509", "-req", "-in", "cert.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "cert.pem", "-days", "3", "-extfile", "ext.cnf")


def _with_cryptography(folder):
    import ipaddress
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.datetime.now(datetime.timezone.utc)

    def name(cn):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    def build(subject, key, issuer, issuer_key, ca):
        builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(hours=1))
                   .not_valid_after(now + datetime.timedelta(days=3))
                   .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
        if not ca:
            builder = builder.add_extension(x509.SubjectAlternativeName([
                x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                critical=False).add_extension(x509.ExtendedKeyUsage([
                    ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        return builder.sign(issuer_key, hashes.SHA256())

    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = build(name("pysock test CA"), ca_key, name("pysock test CA"), ca_key, True)
    cert = build(name("localhost"), key, ca.subject, ca_key, False)
    pem = serialization.Encoding.PEM
    for file_name, data in (("ca.pem", ca.public_bytes(pem)), ("cert.pem", cert.public_bytes(pem)),
                            ("key.pem", key.private_bytes(pem, serialization.PrivateFormat.PKCS8,
                                                          serialization.NoEncryption()))):
        with open(os.path.join(folder, file_name), "wb") as f:
            f.write(data)


def make(folder):
    """Writes ca.pem, cert.pem, key.pem into folder; returns folder, or None
    when this machine has no way to make them."""
    made = os.environ.get("PYSOCK_TEST_CERTS")
    if made:
        return made
    os.makedirs(folder, exist_ok=True)
    openssl = shutil.which("openssl")
    if openssl:
        _with_openssl(openssl, folder)
        return folder
    try:
        _with_cryptography(folder)
    except ImportError:
        return None
    return folder


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/tlscerts.py DIR")
    os.environ.pop("PYSOCK_TEST_CERTS", None)
    if make(sys.argv[1]) is None:
        sys.exit("tlscerts: neither the openssl command nor the cryptography package is here")
