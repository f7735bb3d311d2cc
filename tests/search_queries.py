"""Realistic queries and where each must land: a section ('page/#anchor') as the first section result,
or a page ('page/', no anchor) as the first result of all.

Keep this list growing: every question a reader types that once landed wrong belongs here.
A responsibility's section is '<page of its rule>/#<id>' (aws/, customer/ or shared/).
"""

QUERIES: dict[str, str] = {
    "who patches the guest OS": "customer/#guest-os-patching",
    "OS": "customer/#guest-os-patching",
    "guest OS": "customer/#guest-os-patching",
    "host OS": "aws/#host-os-patching",
    "IAM": "customer/#identity-and-access-management",
    "permissions": "customer/#identity-and-access-management",
    "UPS": "aws/#facility-components",
    "CRAC": "aws/#facility-components",
    "generators": "aws/#facility-components",
    "fire suppression": "aws/#facility-components",
    "AZ": "aws/#global-infrastructure",
    "data center": "aws/#data-center-access",
    "VPC": "customer/#vpc-internet-access",
    "firewall": "customer/#security-groups",
    "security group": "customer/#security-groups",
    "rotate credentials": "shared/#credential-rotation",
    "encryption S3": "customer/#data-encryption",
    "installed software": "customer/#installed-software",
    "RDS maintenance window": "shared/#managed-service-patching",
    "patch management": "shared/#patch-management",
    "training": "shared/#awareness-and-training",
    "Lambda runtime": "shared/#lambda-runtime-updates",
    "endpoints": "aws/#service-endpoints",
    "report abuse": "report-abuse/#how-to-report-it",
    "abuse email": "report-abuse/#how-to-report-it",
    "Trust & Safety": "report-abuse/#how-to-report-it",
    # The guest OS entry answers it in its RDS cell: AWS applies required updates, the customer the rest.
    "who patches RDS": "customer/#guest-os-patching",
    "RDS engine upgrade": "customer/#installed-software",
    "abuse notice": "customer/#abuse-notices",
    "Fargate hosts": "services/fargate/",
    "KMS": "shared/#key-management",
    "MFA": "customer/#root-user-and-mfa",
    "ACL": "customer/#network-acls",
    "DDoS": "shared/#ddos-protection",
    "CloudTrail": "customer/#logging-and-monitoring",
    "WAF": "customer/#web-application-firewall",
    "Shield": "shared/#ddos-protection",
    "Artifact": "shared/#compliance-reports",
    "pen test": "customer/#penetration-testing",
    "encryption in transit": "customer/#encryption-in-transit",
    "hypervisor": "aws/#virtualization-layer",
    "backup": "shared/#backups-and-resilience",
    "function URL": "customer/#public-storage-access",
    "EKS endpoint": "aws/#service-endpoints",
    "instance store encryption": "customer/#data-encryption",
    "edge locations": "aws/#global-infrastructure",
    # Security Hub controls, by id and by AWS Config rule, land on their first citation: the check itself, in the
    # row of the service that cites it, in its section ('hub-<id>').
    "RDS.3": "customer/#hub-rds-3",
    "S3.1": "customer/#hub-s3-1",
    "rds-storage-encrypted": "customer/#hub-rds-3",
    "EKS.8": "customer/#hub-eks-8",
    "ec2-imdsv2-check": "shared/#hub-ec2-8",
    "Lambda.1": "customer/#hub-lambda-1",
    "multi-region-cloudtrail-enabled": "customer/#hub-cloudtrail-1",
    "EC2.1": "customer/#hub-ec2-1",  # not EC2.13 or EC2.18, which the prefix matches too
    "IAM.1": "customer/#hub-iam-1",
    # A rule whose words are an answer's own search words lands on the answer, opened at the row that cites it.
    "s3-bucket-level-public-access-prohibited": "customer/#public-storage-access",
}
