"""Realistic queries and the section each must land on as the first section result.

Keep this list growing: every question a reader types that once landed wrong belongs here.
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
    "edge locations": "aws/#global-infrastructure",
    "data center": "aws/#data-center-access",
    "VPC": "customer/#vpc-internet-access",
    "firewall": "customer/#security-groups",
    "security group": "customer/#security-groups",
    "rotate credentials": "customer/#credential-rotation",
    "encryption S3": "customer/#data-encryption",
    "installed software": "customer/#installed-software",
    "RDS maintenance window": "shared/#managed-service-patching",
    "patch management": "shared/#patch-management",
    "training": "shared/#awareness-and-training",
    "Lambda runtime": "aws/#lambda-runtime-updates",
    "endpoints": "aws/#service-endpoints",
    "report abuse": "report-abuse/#how-to-report-it",
    "abuse email": "report-abuse/#how-to-report-it",
    "Trust & Safety": "report-abuse/#how-to-report-it",
    "who patches RDS": "shared/#managed-service-patching",
    "Fargate hosts": "services/#ecs-or-eks-on-fargate",
}
